import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Policy } from '../auth/policy.js';
import type { AppEnv } from '../auth/guard.js';
import type { Clock } from '../platform/clock.js';
import type { Cases } from './cases.module.js';
import { registerComplaintRoutes } from './complaint.routes.js';
import { registerDocumentRoutes } from './document.routes.js';
import { registerIncidentRoutes } from './incident.routes.js';
import { registerPoliceRequestRoutes } from './police.routes.js';
import { registerPublicRequestRoutes } from './public/public.routes.js';
import { registerRequestRoutes } from './request.routes.js';

/** Every route of the case workflows (each one through securedRoute). */
export function registerCaseRoutes(app: OpenAPIHono<AppEnv>, deps: { cases: Cases; policy: Policy; clock: Clock }) {
  registerRequestRoutes(app, deps);
  registerPoliceRequestRoutes(app, deps);
  registerIncidentRoutes(app, deps);
  registerDocumentRoutes(app, deps);
  registerComplaintRoutes(app, deps);
  registerPublicRequestRoutes(app, deps);
}
