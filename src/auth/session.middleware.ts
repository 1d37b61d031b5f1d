import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { getCookie } from 'hono/cookie';
import { problem } from '../platform/http/problem.js';
import { safeEqual } from '../platform/crypto.js';
import type { AppEnv } from './guard.js';
import type { AuthService, RequestMeta } from './auth.service.js';

export const SESSION_COOKIE = 'toezicht_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Where a request comes from, for the login-attempt list and the logboek. */
export function requestMeta(c: Context): RequestMeta {
  // X-Forwarded-For is believed only from a reverse proxy on this host; otherwise anyone could forge it.
  const socket = remoteAddress(c);
  const fromLocalProxy = socket === undefined || /^(127\.|::1$|::ffff:127\.)/.test(socket);
  const forwarded = fromLocalProxy ? c.req.header('x-forwarded-for')?.split(',')[0]?.trim() : undefined;
  return { ip: forwarded || socket || null, userAgent: c.req.header('user-agent')?.slice(0, 300) ?? null };
}

function remoteAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined; // in-process requests (tests) have no socket
  }
}

/**
 * Loads the session from its cookie and enforces CSRF protection on state-changing requests:
 * with a session, the `x-csrf-token` header must match the session's token; without one (login),
 * a cross-site Origin is refused.
 */
export function sessionMiddleware(auth: AuthService): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const session = await auth.resolve(getCookie(c, SESSION_COOKIE));
    c.set('session', session);
    c.set('actor', session?.actor ?? null);
    if (!SAFE_METHODS.has(c.req.method)) {
      if (session) {
        const header = c.req.header('x-csrf-token') ?? '';
        if (!safeEqual(header, session.csrfToken)) {
          return problem(c, 403, { title: 'Missing or wrong CSRF token', code: 'csrf' });
        }
      } else {
        const origin = c.req.header('origin');
        const host = c.req.header('host');
        if (origin && host && originHost(origin) !== host) {
          return problem(c, 403, { title: 'Cross-site request refused', code: 'csrf' });
        }
      }
    }
    return next();
  };
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
