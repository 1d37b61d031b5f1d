import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { problem, ProblemSchema } from '../platform/http/problem.js';
import type { Action, Actor, Policy } from './policy.js';
import type { ResolvedSession } from './auth.service.js';

/** What a route requires: nothing, any logged-in session (even before its second factor), or an allowed action. */
export type Access = 'public' | 'session' | { action: Action };

export type AppEnv = {
  Variables: {
    actor: Actor | null;
    /** The live session; its `stage` is not 'ok' while the second factor or a password change is pending. */
    session: ResolvedSession | null;
  };
};

export interface CatalogueEntry {
  method: string;
  /** OpenAPI-style path, e.g. /api/users/{id}. */
  path: string;
  access: Access;
}

/** Every secured route registers here; the route × role matrix test walks this list and Hono's. */
export const routeCatalogue: CatalogueEntry[] = [];

const problemResponses = {
  400: { description: 'Invalid input', content: { 'application/problem+json': { schema: ProblemSchema } } },
  401: { description: 'Not logged in', content: { 'application/problem+json': { schema: ProblemSchema } } },
  403: { description: 'Not allowed (names the rule)', content: { 'application/problem+json': { schema: ProblemSchema } } },
} as const;

export function requireAccess(policy: Policy, access: Access): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (access === 'public') return next();
    const actor = c.get('actor');
    const session = c.get('session');
    if (!actor || !session) return problem(c, 401, { title: 'Not logged in', code: 'unauthenticated', message: { nl: 'Log eerst in.', en: 'Please log in first.' } });
    if (access === 'session') return next();
    if (session.stage !== 'ok') {
      return problem(c, 401, { title: 'Second factor or password change required first', code: 'session_restricted' });
    }
    const decision = policy.can(actor, access.action);
    if (!decision.allowed) {
      return problem(c, 403, { title: decision.message.en, code: 'forbidden', rule: decision.rule, message: decision.message });
    }
    return next();
  };
}

/**
 * Defines an OpenAPI route together with its access rule. Using this instead of createRoute
 * makes it impossible to add a route without a policy.
 */
export function securedRoute<R extends Omit<RouteConfig, 'middleware'>>(policy: Policy, access: Access, config: R) {
  const method = config.method.toUpperCase();
  const existing = routeCatalogue.findIndex((e) => e.method === method && e.path === config.path);
  if (existing >= 0) routeCatalogue.splice(existing, 1);
  routeCatalogue.push({ method, path: config.path, access });
  const responses = { ...problemResponses, ...config.responses };
  return createRoute({
    ...config,
    responses,
    middleware: requireAccess(policy, access),
    ...(access !== 'public' ? { security: [{ session: [] }] } : {}),
  }) as R & { middleware: MiddlewareHandler<AppEnv>; responses: R['responses'] & typeof problemResponses };
}

/** Declares a public route that is not described by OpenAPI (static assets, the docs page). */
export function declarePublic(method: string, path: string): void {
  if (!routeCatalogue.some((e) => e.method === method && e.path === path)) routeCatalogue.push({ method, path, access: 'public' });
}
