import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import { sql, type Kysely } from 'kysely';
import type { Schema } from '../platform/db/schema.js';
import type { Policy } from '../auth/policy.js';
import { securedRoute, type AppEnv } from '../auth/guard.js';
import { problem } from '../platform/http/problem.js';
import type { Metrics } from './metrics.js';

/** Liveness, readiness and Prometheus metrics: public, and revealing nothing personal. */
export function registerOpsRoutes(app: OpenAPIHono<AppEnv>, deps: { db: Kysely<Schema>; metrics: Metrics; policy: Policy; isShuttingDown: () => boolean }) {
  app.openapi(
    securedRoute(deps.policy, 'public', {
      method: 'get', path: '/healthz', tags: ['operations'], summary: 'Liveness',
      responses: { 200: { description: 'The process runs', content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } } } },
    }),
    (c) => c.json({ status: 'ok' as const }, 200),
  );

  app.openapi(
    securedRoute(deps.policy, 'public', {
      method: 'get', path: '/readyz', tags: ['operations'], summary: 'Readiness: the database answers',
      responses: {
        200: { description: 'Ready', content: { 'application/json': { schema: z.object({ status: z.literal('ready') }) } } },
        503: { description: 'Not ready' },
      },
    }),
    async (c) => {
      if (deps.isShuttingDown()) return problem(c, 503, { title: 'Shutting down', code: 'shutting_down' });
      try {
        await sql`select 1`.execute(deps.db);
        return c.json({ status: 'ready' as const }, 200);
      } catch {
        return problem(c, 503, { title: 'Database unreachable', code: 'database_unreachable' });
      }
    },
  );

  app.openapi(
    securedRoute(deps.policy, 'public', {
      method: 'get', path: '/metrics', tags: ['operations'], summary: 'Prometheus metrics',
      responses: { 200: { description: 'Metrics in the Prometheus text format', content: { 'text/plain': { schema: z.string() } } } },
    }),
    async (c) => c.text(await deps.metrics.registry.metrics(), 200, { 'content-type': deps.metrics.registry.contentType }),
  );
}
