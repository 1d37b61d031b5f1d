import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import type { Policy } from '../auth/policy.js';
import { securedRoute, type AppEnv } from '../auth/guard.js';
import type { Cases } from './cases.module.js';
import { actorOf } from './cases.http.js';
import { ComplaintBody, ComplaintSchema, ComplaintStepBody, IdParam, json, OverviewSchema, ViewingLogSchema } from './cases.schema.js';

/** Complaints, the cases overview (dashboard) and the viewing log (SOE-10.6). */
export function registerComplaintRoutes(app: OpenAPIHono<AppEnv>, { cases, policy }: { cases: Cases; policy: Policy }) {
  app.openapi(
    securedRoute(policy, { action: 'cases.read' }, {
      method: 'get', path: '/api/cases/complaints', tags: ['cases'], summary: 'Complaints, newest first (MOZ-8, WCP-13)',
      responses: { 200: { description: 'Complaints', ...json(z.object({ complaints: z.array(ComplaintSchema) })) } },
    }),
    async (c) => c.json({ complaints: await cases.complaints.list() }, 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'cases.handle' }, {
      method: 'post', path: '/api/cases/complaints', tags: ['cases'], summary: 'Register a complaint',
      request: { body: { required: true, ...json(ComplaintBody) } },
      responses: { 201: { description: 'Registered', ...json(z.object({ complaint: ComplaintSchema })) } },
    }),
    async (c) => c.json({ complaint: await cases.complaints.register(c.req.valid('json'), actorOf(c)) }, 201),
  );

  app.openapi(
    securedRoute(policy, { action: 'cases.read' }, {
      method: 'get', path: '/api/cases/complaints/{id}', tags: ['cases'], summary: 'One complaint with its timeline and the route to the Autoriteit Persoonsgegevens',
      request: { params: IdParam },
      responses: { 200: { description: 'Complaint', ...json(z.object({ complaint: ComplaintSchema })) } },
    }),
    async (c) => c.json({ complaint: await cases.complaints.get(c.req.valid('param').id) }, 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'cases.handle' }, {
      method: 'post', path: '/api/cases/complaints/{id}/steps', tags: ['cases'], summary: 'Start handling, resolve, or refer (the complainant is told of the Autoriteit Persoonsgegevens)',
      request: { params: IdParam, body: { required: true, ...json(ComplaintStepBody) } },
      responses: { 200: { description: 'Complaint', ...json(z.object({ complaint: ComplaintSchema })) } },
    }),
    async (c) => c.json({ complaint: await cases.complaints.step(c.req.valid('param').id, c.req.valid('json'), actorOf(c)) }, 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'cases.read' }, {
      method: 'get', path: '/api/cases/overview', tags: ['cases'], summary: 'Dashboard: overdue and nearly due requests, holds to review, open incidents, requests per month and the share decided on time',
      responses: { 200: { description: 'Overview', ...json(z.object({ overview: OverviewSchema })) } },
    }),
    async (c) => c.json({ overview: await cases.overview.overview() }, 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'cases.viewing_log' }, {
      method: 'get', path: '/api/cases/viewing-log', tags: ['cases'], summary: 'Every request to see or receive footage, its decision (refusals too) and the signed declarations (SOE-10.6); reading it is logged',
      responses: { 200: { description: 'Viewing log', ...json(z.object({ log: ViewingLogSchema })) } },
    }),
    async (c) => c.json({ log: await cases.overview.viewingLog(actorOf(c)) }, 200),
  );
}
