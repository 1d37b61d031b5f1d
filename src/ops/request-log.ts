import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../platform/logger.js';

/**
 * One structured log line per request: method, path (without query string, which may carry
 * filters about people), status and duration. Cookies, headers and bodies are never logged.
 */
export function requestLog(logger: Logger): MiddlewareHandler {
  const log = logger.child({ module: 'http' });
  return async (c, next) => {
    const start = performance.now();
    await next();
    const status = c.res.status;
    const line = { method: c.req.method, path: c.req.path, status, ms: Math.round(performance.now() - start) };
    if (status >= 500) log.error(line, 'request failed');
    else log.debug(line, 'request');
  };
}
