import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import type { Policy } from '../../auth/policy.js';
import { securedRoute, type AppEnv } from '../../auth/guard.js';
import { requestMeta } from '../../auth/session.middleware.js';
import { DomainError } from '../../platform/errors.js';
import type { Clock } from '../../platform/clock.js';
import type { Cases } from '../cases.module.js';
import { json, PublicRequestBody } from '../cases.schema.js';

export const FORM_TOKEN_HEADER = 'x-form-token';

const TextSchema = z.object({ nl: z.string(), en: z.string() });

/**
 * The public request page's API (no account). CSRF: a filing carries the form's token in the
 * `x-form-token` header (a custom header never crosses sites without a CORS preflight, which is
 * never granted) and must come with an Origin (or Referer) of this host. Rate-limited per IP;
 * every field validated; no files are accepted (identity is checked in person).
 */
export function registerPublicRequestRoutes(app: OpenAPIHono<AppEnv>, { cases, policy, clock }: { cases: Cases; policy: Policy; clock: Clock }) {
  app.openapi(
    securedRoute(policy, 'public', {
      method: 'get', path: '/api/public/requests/form', tags: ['public'], summary: 'What the public request page needs: the organisation, the kinds of request with their terms, and a form token',
      responses: {
        200: {
          description: 'Form',
          ...json(z.object({ formToken: z.string(), organisation: z.string(), retentionDays: z.number(), kinds: z.array(z.object({ kind: z.string(), label: TextSchema, term: TextSchema })) })),
        },
      },
    }),
    (c) => c.json({ formToken: cases.formTokens.issue(), ...cases.publicRequests.info() }, 200),
  );

  app.openapi(
    securedRoute(policy, 'public', {
      method: 'post', path: '/api/public/requests', tags: ['public'], summary: 'File an access, erasure or objection request without an account; answers the reference and what happens next',
      request: { body: { required: true, ...json(PublicRequestBody) }, headers: z.object({ [FORM_TOKEN_HEADER]: z.string().optional().openapi({ description: 'The token of GET /api/public/requests/form' }) }) },
      responses: {
        201: {
          description: 'Received',
          ...json(z.object({ reference: z.string(), kind: z.string(), receivedAt: z.string(), due: z.string().nullable(), rule: z.string(), whatNext: z.array(TextSchema) })),
        },
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const ip = requestMeta(c).ip ?? 'unknown';
      const now = clock.now().getTime();
      if (!cases.publicLimiter.take(ip, now)) {
        c.header('retry-after', String(cases.publicLimiter.retryAfterSeconds(ip, now)));
        throw new DomainError('too_many', 'too_many_requests', 'Too many requests; try again later', { message: { nl: 'Te veel verzoeken vanaf dit adres. Probeer het later opnieuw.', en: 'Too many requests from this address. Please try again later.' } });
      }
      if (!sameOrigin(c.req.header('origin') ?? c.req.header('referer'), c.req.header('host')) || !cases.formTokens.valid(c.req.header(FORM_TOKEN_HEADER))) {
        throw new DomainError('forbidden', 'form_token', 'The form has expired; reload the page', { message: { nl: 'Het formulier is verlopen. Laad de pagina opnieuw.', en: 'The form has expired. Please reload the page.' } });
      }
      return c.json(await cases.publicRequests.file(input), 201);
    },
  );
}

/** The request names this host as its origin (a browser always sends Origin on a POST). */
function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
