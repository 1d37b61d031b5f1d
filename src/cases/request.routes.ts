import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import type { Policy } from '../auth/policy.js';
import { securedRoute, type AppEnv } from '../auth/guard.js';
import { ProblemSchema } from '../platform/http/problem.js';
import { finishedStates } from './request.js';
import type { Cases } from './cases.module.js';
import { actorOf } from './cases.http.js';
import { DocumentBody, DocumentSchema, EditRequestBody, FileRequestBody, IdParam, json, RequestListQuery, RequestSchema, RequestStepBody } from './cases.schema.js';
import type { FileRequestInput } from './request-filing.js';
import type { RequestEdit } from './request-edit.js';
import type { RequestStep } from './request-steps.js';

/** Requests: list by deadline, register, show, step through, and draw up their documents. */
export function registerRequestRoutes(app: OpenAPIHono<AppEnv>, { cases, policy }: { cases: Cases; policy: Policy }) {
  app.openapi(
    securedRoute(policy, { action: 'cases.read' }, {
      method: 'get', path: '/api/cases/requests', tags: ['cases'], summary: 'Requests, the nearest deadline first (overdue, due within two working days, then by date)',
      request: { query: RequestListQuery },
      responses: { 200: { description: 'Requests', ...json(z.object({ requests: z.array(RequestSchema) })) } },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const all = await cases.requests.list({ kinds: q.kind ? [q.kind] : undefined, states: q.state ? [q.state] : undefined });
      const requests = q.view === 'all' || q.state ? all : all.filter((r) => !finishedStates.includes(r.state));
      return c.json({ requests }, 200);
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'cases.handle' }, {
      method: 'post', path: '/api/cases/requests', tags: ['cases'], summary: 'Register a request as it arrived (letter, e-mail, phone, counter, urgent oral police request)',
      request: { body: { required: true, ...json(FileRequestBody) } },
      responses: { 201: { description: 'Registered, with its reference and deadline', ...json(z.object({ request: RequestSchema })) } },
    }),
    async (c) => c.json({ request: await cases.requests.file(c.req.valid('json') as FileRequestInput, actorOf(c)) }, 201),
  );

  app.openapi(
    securedRoute(policy, { action: 'cases.read' }, {
      method: 'get', path: '/api/cases/requests/{id}', tags: ['cases'], summary: 'One request: the protocol\u2019s assessment, what is still missing, documents, holds and timeline',
      request: { params: IdParam },
      responses: { 200: { description: 'Request', ...json(z.object({ request: RequestSchema })) } },
    }),
    async (c) => c.json({ request: await cases.requests.get(c.req.valid('param').id) }, 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'cases.handle' }, {
      method: 'patch', path: '/api/cases/requests/{id}', tags: ['cases'], summary: 'Change a request\u2019s details with a reason (the diff goes to the logboek; the deadline moves only for a corrected receipt date or a vordering\u2019s delivery date)',
      request: { params: IdParam, body: { required: true, ...json(EditRequestBody) } },
      responses: {
        200: { description: 'The request after the change', ...json(z.object({ request: RequestSchema })) },
        409: { description: 'Not changeable in this state (names the rule)', ...json(ProblemSchema) },
      },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      const { reason, ...edit } = c.req.valid('json');
      await cases.requests.edit(id, edit as RequestEdit, reason, actorOf(c));
      return c.json({ request: await cases.requests.get(id) }, 200);
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'cases.handle' }, {
      method: 'post', path: '/api/cases/requests/{id}/steps', tags: ['cases'], summary: 'Take a step: assign, record a fact, extend, decide (per kind: decide:<kind>), approve, carry out, close, withdraw',
      request: { params: IdParam, body: { required: true, ...json(RequestStepBody) } },
      responses: {
        200: { description: 'The request after the step', ...json(z.object({ request: RequestSchema })) },
        409: { description: 'A condition of the profile is not met yet (names the rule)', ...json(ProblemSchema) },
      },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      await cases.requests.step(id, c.req.valid('json') as RequestStep, actorOf(c));
      return c.json({ request: await cases.requests.get(id) }, 200);
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'cases.handle' }, {
      method: 'post', path: '/api/cases/requests/{id}/documents', tags: ['cases'], summary: 'Draw up a document of the request as a Dutch PDF (decision letter, ontvangstverklaring, inzageverklaring, verklaring zorgvuldig gebruik)',
      request: { params: IdParam, body: { required: true, ...json(DocumentBody) } },
      responses: { 201: { description: 'Generated; its SHA-256 is in the logboek', ...json(z.object({ document: DocumentSchema })) } },
    }),
    async (c) => c.json({ document: await cases.documents.generate(c.req.valid('param').id, c.req.valid('json').kind, actorOf(c)) }, 201),
  );

  app.openapi(
    securedRoute(policy, { action: 'cases.handle' }, {
      method: 'post', path: '/api/cases/requests/{id}/footage-search', tags: ['cases'], summary: 'Which footage the recorder holds for the request\u2019s window, per camera (no footage is shown; the search is logged)',
      request: { params: IdParam },
      responses: { 200: { description: 'Found', ...json(z.object({ available: z.boolean(), found: z.array(z.object({ cameraId: z.string(), cameraName: z.string(), segments: z.number(), coveredSeconds: z.number(), first: z.string().nullable(), last: z.string().nullable() })) })) } },
    }),
    async (c) => c.json(await cases.searchFootage(c.req.valid('param').id, actorOf(c)), 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'cases.handle' }, {
      method: 'get', path: '/api/cases/assignees', tags: ['cases'], summary: 'Active accounts a request can be assigned to',
      responses: { 200: { description: 'Accounts', ...json(z.object({ users: z.array(z.object({ id: z.string(), displayName: z.string(), role: z.string() })) })) } },
    }),
    async (c) => {
      const handlers = policy.rolesFor('cases.handle');
      const users = (await cases.users.list()).filter((u) => !u.disabled && handlers.includes(u.role));
      return c.json({ users: users.map(({ id, displayName, role }) => ({ id, displayName, role })) }, 200);
    },
  );
}
