import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import type { Env } from 'hono';
import type { Logger } from '../logger.js';
import { DomainError } from '../errors.js';
import { problem, problemFromDomainError } from './problem.js';

/**
 * Creates an OpenAPIHono app whose validation failures and thrown errors all become problem JSON:
 * a bad request gets a 4xx naming the field, never a 500 and never a partial write.
 */
export function createHttpApp<E extends Env>(logger: Logger): OpenAPIHono<E> {
  const app = new OpenAPIHono<E>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const errors = result.error.issues.map((issue) => ({
          field: issue.path.join('.') || '(body)',
          message: issue.message,
        }));
        return problem(c, 400, {
          title: `Invalid input: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
          code: 'invalid_input',
          field: errors[0]?.field,
          errors,
        });
      }
      return undefined;
    },
  });
  app.onError((err, c) => {
    if (err instanceof DomainError) return problemFromDomainError(c, err);
    if (err instanceof HTTPException) {
      return problem(c, err.status as 400, { title: err.message || 'Request refused', code: 'http_error' });
    }
    if (err instanceof SyntaxError) {
      return problem(c, 400, { title: 'Malformed JSON body', code: 'invalid_json', field: '(body)' });
    }
    logger.error({ err, path: c.req.path }, 'unhandled error');
    return problem(c, 500, { title: 'Internal error', code: 'internal' });
  });
  app.notFound((c) => problem(c, 404, { title: `No such route: ${c.req.method} ${c.req.path}`, code: 'no_route' }));
  return app;
}
