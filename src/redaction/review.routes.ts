import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { securedRoute, type AppEnv } from '../auth/guard.js';
import type { Policy } from '../auth/policy.js';
import type { AnalysisActor } from './analysis/analysis.service.js';
import { AnalysisIdParam, json } from './analysis/analysis.schema.js';
import type { Redaction } from './redaction.module.js';
import { PreviewQuery, RenderIdParam, RenderSchema, ReviewSchema, SaveReviewBody, StillQuery } from './review/review.schema.js';

function actorOf(c: Context<AppEnv>): AnalysisActor {
  const actor = c.get('actor')!;
  return { id: actor.id, name: actor.username, role: actor.role };
}

const jpeg = { 200: { description: 'JPEG', content: { 'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) } } } };
const jpegBody = (c: Context, data: Buffer) =>
  c.body(new Uint8Array(data), 200, { 'content-type': 'image/jpeg', 'content-length': String(data.length), 'cache-control': 'private, no-store' });

/**
 * Redaction review and render (issue 9 items 2–3): the operator's choices, stills of the original
 * and previews of the result for the scrubber, and renders delivered as derived exports. Like the
 * analysis, everything needs 'redaction.manage' (DOM-11, MOZ-4.4, SOE-10, WEL-14, WCP-7).
 */
export function registerReviewRoutes(app: OpenAPIHono<AppEnv>, { redaction, policy }: { redaction: Redaction; policy: Policy }) {
  const { review, render, stills } = redaction;

  app.openapi(
    securedRoute(policy, { action: 'redaction.manage' }, {
      method: 'get', path: '/api/redaction/analyses/{id}/review', tags: ['redaction'], summary: "The operator's choices (the defaults for the request's kind until saved)",
      request: { params: AnalysisIdParam },
      responses: { 200: { description: 'The review', ...json(z.object({ review: ReviewSchema })) } },
    }),
    async (c) => c.json({ review: await review.get(c.req.valid('param').id) }, 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'redaction.manage' }, {
      method: 'put', path: '/api/redaction/analyses/{id}/review', tags: ['redaction'], summary: 'Save the choices: mode, style, kept tracks, margin, hold, manual boxes (logged)',
      request: { params: AnalysisIdParam, body: { ...json(SaveReviewBody), required: true } },
      responses: { 200: { description: 'The saved review', ...json(z.object({ review: ReviewSchema })) } },
    }),
    async (c) => c.json({ review: await review.save(c.req.valid('param').id, c.req.valid('json'), actorOf(c)) }, 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'redaction.manage' }, {
      method: 'get', path: '/api/redaction/analyses/{id}/still', tags: ['redaction'], summary: 'One frame of the original at t ms as a JPEG (logged: footage access)',
      request: { params: AnalysisIdParam, query: StillQuery },
      responses: jpeg,
    }),
    async (c) => jpegBody(c, await stills.still(c.req.valid('param').id, c.req.valid('query').t, 'original', null, actorOf(c))),
  );

  app.openapi(
    securedRoute(policy, { action: 'redaction.manage' }, {
      method: 'get', path: '/api/redaction/analyses/{id}/preview', tags: ['redaction'], summary: 'One frame at t ms redacted with the given choices (JSON in the query), as a JPEG (logged: footage access)',
      request: { params: AnalysisIdParam, query: PreviewQuery },
      responses: jpeg,
    }),
    async (c) => {
      const { t, choices } = c.req.valid('query');
      return jpegBody(c, await stills.still(c.req.valid('param').id, t, 'redacted', choices, actorOf(c)));
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'redaction.manage' }, {
      method: 'post', path: '/api/redaction/analyses/{id}/renders', tags: ['redaction'],
      summary: 'Render the redacted copy with the saved choices and deliver it as a sealed export; the package password is shown once',
      request: { params: AnalysisIdParam },
      responses: { 202: { description: 'Started', ...json(z.object({ render: RenderSchema, password: z.string() })) } },
    }),
    async (c) => {
      c.header('cache-control', 'no-store');
      return c.json(await render.start(c.req.valid('param').id, actorOf(c)), 202);
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'redaction.manage' }, {
      method: 'get', path: '/api/redaction/analyses/{id}/renders', tags: ['redaction'], summary: 'The renders of an analysis',
      request: { params: AnalysisIdParam },
      responses: { 200: { description: 'Renders', ...json(z.object({ renders: z.array(RenderSchema) })) } },
    }),
    async (c) => c.json({ renders: await render.forAnalysis(c.req.valid('param').id) }, 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'redaction.manage' }, {
      method: 'get', path: '/api/redaction/renders/{id}', tags: ['redaction'], summary: 'A render: state, progress (0..1) and, when done, its export',
      request: { params: RenderIdParam },
      responses: { 200: { description: 'The render', ...json(z.object({ render: RenderSchema })) } },
    }),
    async (c) => c.json({ render: await render.get(c.req.valid('param').id) }, 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'redaction.manage' }, {
      method: 'post', path: '/api/redaction/renders/{id}/cancel', tags: ['redaction'], summary: 'Cancel a running render (logged)',
      request: { params: RenderIdParam },
      responses: { 200: { description: 'The render', ...json(z.object({ render: RenderSchema })) } },
    }),
    async (c) => c.json({ render: await render.cancel(c.req.valid('param').id, actorOf(c)) }, 200),
  );
}
