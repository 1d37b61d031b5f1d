import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import type { Policy } from '../auth/policy.js';
import { securedRoute, type AppEnv } from '../auth/guard.js';
import { invalid } from '../platform/errors.js';
import type { Cases } from './cases.module.js';
import { json, PoliceRequestBody, RequestSchema } from './cases.schema.js';
import { filePoliceRequest, ownPoliceRequests } from './police-filing.js';

/**
 * The police and the OvJ file their own vordering (art. 126nd/126nda Sv) through their account and
 * follow what became of it; they see no other case (cases.read is not theirs).
 */
export function registerPoliceRequestRoutes(app: OpenAPIHono<AppEnv>, { cases, policy }: { cases: Cases; policy: Policy }) {
  app.openapi(
    securedRoute(policy, { action: 'cases.file_police' }, {
      method: 'post', path: '/api/cases/police-requests', tags: ['cases'], summary: 'File one\u2019s own vordering (art. 126nd/126nda Sv): the account identifies the officer; answers the reference and the deadline',
      request: { body: { required: true, ...json(PoliceRequestBody) } },
      responses: { 201: { description: 'Filed', ...json(z.object({ request: RequestSchema })) } },
    }),
    async (c) => {
      const actor = c.get('actor')!;
      if (actor.role !== 'police' && actor.role !== 'ovj') throw invalid('not_an_officer', 'Only a police or OvJ account files its own vordering');
      const body = c.req.valid('json');
      const request = await filePoliceRequest(cases.deps, body, { id: actor.id, name: actor.username, username: actor.username, displayName: actor.displayName, role: actor.role });
      return c.json({ request }, 201);
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'cases.file_police' }, {
      method: 'get', path: '/api/cases/police-requests', tags: ['cases'], summary: 'The vorderingen this account filed: reference, state, deadline and decision',
      responses: { 200: { description: 'Own vorderingen', ...json(z.object({ requests: z.array(RequestSchema) })) } },
    }),
    async (c) => c.json({ requests: await ownPoliceRequests(cases.deps, c.get('actor')!.id) }, 200),
  );
}
