import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import type { Policy } from '../auth/policy.js';
import { securedRoute, type AppEnv } from '../auth/guard.js';
import { CheckBody, CheckSchema, DefectBody, DefectQuery, DefectSchema, OverdueSchema, RepairBody } from './camera.schema.js';
import type { Register } from './register.module.js';
import { actorOf } from './register.actor.js';
import { IdParam, json } from './site.schema.js';

/** Periodic checks and defects (MOZ-2.3, WCP-3). */
export function registerCheckRoutes(app: OpenAPIHono<AppEnv>, { register, policy }: { register: Register; policy: Policy }) {
  app.openapi(
    securedRoute(policy, { action: 'register.check' }, {
      method: 'post', path: '/api/register/cameras/{id}/checks', tags: ['register'], summary: 'Record a periodic check; a failed item opens a defect',
      request: { params: IdParam, body: { required: true, ...json(CheckBody) } },
      responses: { 201: { description: 'Recorded', ...json(z.object({ check: CheckSchema, defect: DefectSchema.nullable() })) } },
    }),
    async (c) => c.json(await register.checks.recordCheck(c.req.valid('param').id, c.req.valid('json'), actorOf(c)), 201),
  );

  app.openapi(
    securedRoute(policy, { action: 'register.check' }, {
      method: 'post', path: '/api/register/cameras/{id}/defects', tags: ['register'], summary: 'Report a defect (an active camera goes out of service until repaired)',
      request: { params: IdParam, body: { required: true, ...json(DefectBody) } },
      responses: { 201: { description: 'Reported', ...json(z.object({ defect: DefectSchema })) } },
    }),
    async (c) => c.json({ defect: await register.checks.reportDefect(c.req.valid('param').id, c.req.valid('json').description, actorOf(c)) }, 201),
  );

  app.openapi(
    securedRoute(policy, { action: 'register.check' }, {
      method: 'post', path: '/api/register/defects/{id}/repair', tags: ['register'], summary: 'Mark a defect repaired (the camera returns to service when nothing else is open)',
      request: { params: IdParam, body: { required: true, ...json(RepairBody) } },
      responses: { 200: { description: 'Repaired', ...json(z.object({ defect: DefectSchema })) } },
    }),
    async (c) => c.json({ defect: await register.checks.repair(c.req.valid('param').id, c.req.valid('json').notes ?? null, actorOf(c)) }, 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'register.read' }, {
      method: 'get', path: '/api/register/defects', tags: ['register'], summary: 'Defects, newest first',
      request: { query: DefectQuery },
      responses: { 200: { description: 'Defects', ...json(z.object({ defects: z.array(DefectSchema) })) } },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json({ defects: await register.checks.defects({ cameraId: q.cameraId, open: q.open === undefined ? undefined : q.open === 'true' }) }, 200);
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'register.read' }, {
      method: 'get', path: '/api/register/checks/overdue', tags: ['register'], summary: 'Cameras whose periodic check is due',
      responses: { 200: { description: 'Overdue checks', ...json(z.object({ overdue: z.array(OverdueSchema) })) } },
    }),
    async (c) => c.json({ overdue: await register.checks.overdue() }, 200),
  );
}
