import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from '@hono/zod-openapi';
import { DomainError, type ErrorKind } from '../errors.js';

/** RFC 9457 problem details, as every error response of the API. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    rule: z.string().optional(),
    field: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    message: z.object({ nl: z.string(), en: z.string() }).optional(),
    lockedUntil: z.string().optional(),
  })
  .openapi('Problem');

export type Problem = z.infer<typeof ProblemSchema>;

const statusOf: Record<ErrorKind, ContentfulStatusCode> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  gone: 410,
  conflict: 409,
  locked: 423,
  too_many: 429,
};

export function problem(c: Context, status: ContentfulStatusCode, body: Omit<Problem, 'type' | 'status'> & { type?: string }) {
  return c.json({ type: body.type ?? 'about:blank', status, ...body } satisfies Problem, status, {
    'content-type': 'application/problem+json',
  });
}

export function problemFromDomainError(c: Context, err: DomainError) {
  const { rule, field, message, lockedUntil } = err.details as { rule?: string; field?: string; message?: { nl: string; en: string }; lockedUntil?: string };
  return problem(c, statusOf[err.kind], { title: err.message, code: err.code, rule, field, message, lockedUntil, detail: lockedUntil });
}
