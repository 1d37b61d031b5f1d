import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import type { Policy } from '../auth/policy.js';
import { securedRoute, type AppEnv } from '../auth/guard.js';
import type { DashboardService } from './dashboard.service.js';

const DashboardSchema = z
  .object({
    user: z.object({ displayName: z.string(), role: z.string() }),
    logbook: z.object({ headSeq: z.number() }),
    loginAttempts24h: z.number().optional(),
    failedLogins24h: z.number().optional(),
    lockedAccounts: z.number().optional(),
    overdueChecks: z.number().optional(),
    openDefects: z.number().optional(),
  })
  .openapi('Dashboard');

export function registerDashboardRoutes(app: OpenAPIHono<AppEnv>, deps: { dashboard: DashboardService; policy: Policy }) {
  app.openapi(
    securedRoute(deps.policy, { action: 'dashboard.view' }, {
      method: 'get', path: '/api/dashboard', tags: ['dashboard'], summary: 'What needs attention, for the logged-in role',
      responses: { 200: { description: 'Dashboard', content: { 'application/json': { schema: DashboardSchema } } } },
    }),
    async (c) => c.json(await deps.dashboard.forActor(c.get('actor')!), 200),
  );
}
