import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import type { Policy } from '../auth/policy.js';
import { securedRoute, type AppEnv } from '../auth/guard.js';
import { problem } from '../platform/http/problem.js';
import { registerCameraRoutes } from './camera.routes.js';
import { ImportBody, PublicSiteSchema } from './camera.schema.js';
import { registerCheckRoutes } from './check.routes.js';
import { registerConnectionTestRoutes } from './connection-test.routes.js';
import { registerOnvifRoutes } from './onvif.routes.js';
import type { Register } from './register.module.js';
import { actorOf } from './register.actor.js';
import { ImportRefused } from './register.import.js';
import { registerSiteRoutes } from './site.routes.js';
import { json } from './site.schema.js';

/** Every route of the camera register (issue 4). */
export function registerRegisterRoutes(app: OpenAPIHono<AppEnv>, deps: { register: Register; policy: Policy }) {
  const { register, policy } = deps;
  registerSiteRoutes(app, deps);
  registerCameraRoutes(app, deps);
  registerCheckRoutes(app, deps);
  registerOnvifRoutes(app, deps);
  registerConnectionTestRoutes(app, deps);

  app.openapi(
    securedRoute(policy, { action: 'register.read' }, {
      method: 'get', path: '/api/register/export.csv', tags: ['register'], summary: 'The register as CSV (never credentials)',
      responses: { 200: { description: 'CSV (RFC 4180)', content: { 'text/csv': { schema: z.string() } } } },
    }),
    async (c) => {
      const csv = await register.csv.exportCsv();
      await register.csv.recordExport(actorOf(c));
      return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="cameraregister.csv"' });
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'register.manage' }, {
      method: 'post', path: '/api/register/import', tags: ['register'], summary: 'Import sites and cameras from CSV: all rows or none',
      request: { body: { required: true, ...json(ImportBody) } },
      responses: { 201: { description: 'Imported', ...json(z.object({ sites: z.number(), cameras: z.number() })) } },
    }),
    async (c) => {
      try {
        return c.json(await register.csv.importCsv(c.req.valid('json').csv, actorOf(c)), 201);
      } catch (err) {
        if (!(err instanceof ImportRefused)) throw err;
        // Problem JSON listing every line's problem (a DomainError carries one field only).
        const body = { title: err.message.slice(0, 2000), code: 'import_refused', field: err.problems[0]?.field, errors: err.problems.slice(0, 200) };
        return problem(c, 400, body) as never;
      }
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'register.read' }, {
      method: 'get', path: '/api/register/public-list', tags: ['register'], summary: 'The public camera list as it will be published (X-6)',
      responses: { 200: { description: 'Sites with camera locations and purposes', ...json(z.object({ sites: z.array(PublicSiteSchema) })) } },
    }),
    async (c) => c.json({ sites: await register.publicCameraList() }, 200),
  );
}
