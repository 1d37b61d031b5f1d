import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { securedRoute, type AppEnv } from '../auth/guard.js';
import type { Policy } from '../auth/policy.js';
import type { AnalysisActor } from './analysis/analysis.service.js';
import { AnalysisIdParam, AnalysisListQuery, AnalysisSchema, json, StartAnalysisBody, TrackParam, TrackSchema } from './analysis/analysis.schema.js';
import type { Redaction } from './redaction.module.js';

function actorOf(c: Context<AppEnv>): AnalysisActor {
  const actor = c.get('actor')!;
  return { id: actor.id, name: actor.username, role: actor.role };
}

/**
 * Redaction (issue 9). Analysis: start for a request + camera + window, progress, cancel, tracks and
 * their thumbnails. Everything needs 'redaction.manage': whoever decides data subjects' requests
 * under the profile (DOM-11, MOZ-4.4, SOE-10, WEL-14, WCP-7).
 */
export function registerRedactionRoutes(app: OpenAPIHono<AppEnv>, { redaction, policy }: { redaction: Redaction; policy: Policy }) {
  const { analysis } = redaction;
  app.openapi(
    securedRoute(policy, { action: 'redaction.manage' }, {
      method: 'post', path: '/api/redaction/analyses', tags: ['redaction'],
      summary: 'Start the analysis (detect and track persons and faces) of one camera × window of a request',
      request: { body: { ...json(StartAnalysisBody), required: true } },
      responses: { 202: { description: 'Queued', ...json(z.object({ analysis: AnalysisSchema })) } },
    }),
    async (c) => c.json({ analysis: await analysis.start(c.req.valid('json'), actorOf(c)) }, 202),
  );

  app.openapi(
    securedRoute(policy, { action: 'redaction.manage' }, {
      method: 'get', path: '/api/redaction/analyses', tags: ['redaction'], summary: 'The redaction analyses of a case',
      request: { query: AnalysisListQuery },
      responses: { 200: { description: 'Analyses', ...json(z.object({ analyses: z.array(AnalysisSchema) })) } },
    }),
    async (c) => c.json({ analyses: await analysis.forCase(c.req.valid('query').caseRef) }, 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'redaction.manage' }, {
      method: 'get', path: '/api/redaction/analyses/{id}', tags: ['redaction'], summary: 'An analysis: state and progress (0..1)',
      request: { params: AnalysisIdParam },
      responses: { 200: { description: 'The analysis', ...json(z.object({ analysis: AnalysisSchema })) } },
    }),
    async (c) => c.json({ analysis: await analysis.get(c.req.valid('param').id) }, 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'redaction.manage' }, {
      method: 'post', path: '/api/redaction/analyses/{id}/cancel', tags: ['redaction'], summary: 'Cancel a queued or running analysis (logged)',
      request: { params: AnalysisIdParam },
      responses: { 200: { description: 'The analysis', ...json(z.object({ analysis: AnalysisSchema })) } },
    }),
    async (c) => c.json({ analysis: await analysis.cancel(c.req.valid('param').id, actorOf(c)) }, 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'redaction.manage' }, {
      method: 'get', path: '/api/redaction/analyses/{id}/tracks', tags: ['redaction'], summary: 'The tracks a finished analysis found (logged: footage access)',
      request: { params: AnalysisIdParam },
      responses: { 200: { description: 'Tracks', ...json(z.object({ tracks: z.array(TrackSchema) })) } },
    }),
    async (c) => {
      c.header('cache-control', 'no-store');
      return c.json({ tracks: await analysis.trackSummaries(c.req.valid('param').id, actorOf(c)) }, 200);
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'redaction.manage' }, {
      method: 'get', path: '/api/redaction/analyses/{id}/tracks/{trackId}/thumbnail', tags: ['redaction'], summary: "A JPEG of the track's best box (logged: footage access)",
      request: { params: TrackParam },
      responses: { 200: { description: 'JPEG', content: { 'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) } } } },
    }),
    async (c) => {
      const { id, trackId } = c.req.valid('param');
      const data = await analysis.thumbnail(id, trackId, actorOf(c));
      return c.body(new Uint8Array(data), 200, { 'content-type': 'image/jpeg', 'content-length': String(data.length), 'cache-control': 'private, no-store' });
    },
  );
}
