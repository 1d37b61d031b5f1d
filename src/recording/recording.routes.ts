import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Policy } from '../auth/policy.js';
import { securedRoute, type AppEnv } from '../auth/guard.js';
import { invalid } from '../platform/errors.js';
import type { HoldActor } from './hold.js';
import type { Recording } from './recording.module.js';
import {
  CameraIdParam, HoldIdParam, HoldListQuery, HoldSchema, json, NewHoldBody, RecorderStatusSchema, ReleaseHoldBody, SegmentQuery, SegmentSchema,
} from './recording.schema.js';

function actorOf(c: Context<AppEnv>): HoldActor {
  const actor = c.get('actor')!;
  return { id: actor.id, name: actor.username, role: actor.role };
}

/** Recorder status, the segment index of a camera (times only, no footage) and holds by hand. */
export function registerRecordingRoutes(app: OpenAPIHono<AppEnv>, { recording, policy }: { recording: Recording; policy: Policy }) {
  app.openapi(
    securedRoute(policy, { action: 'recorder.status' }, {
      method: 'get', path: '/api/recorder/status', tags: ['recorder'],
      summary: 'Per camera: recording or offline since, storage used, oldest footage, retention limit; alerts',
      responses: { 200: { description: 'Recorder status', ...json(RecorderStatusSchema) } },
    }),
    async (c) => c.json(await recording.status.status(), 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'recorder.status' }, {
      method: 'get', path: '/api/recorder/cameras/{id}/segments', tags: ['recorder'],
      summary: 'Which footage the index holds for a camera in a window (times and motion; no footage is shown)',
      request: { params: CameraIdParam, query: SegmentQuery },
      responses: { 200: { description: 'Segments', ...json(z.object({ segments: z.array(SegmentSchema) })) } },
    }),
    async (c) => {
      const { from, to } = c.req.valid('query');
      const [start, end] = [new Date(from), new Date(to)];
      if (end.getTime() <= start.getTime() || end.getTime() - start.getTime() > 7 * 86_400_000) throw invalid('window_invalid', 'The window ends after it starts and spans at most 7 days', 'to');
      const segments = await recording.segments.between(c.req.valid('param').id, start, end);
      return c.json({
        segments: segments.map((s) => ({ id: s.id, start: s.start.toISOString(), end: s.end.toISOString(), durationMs: s.durationMs, bytes: s.bytes, motion: s.motion })),
      }, 200);
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'hold.read' }, {
      method: 'get', path: '/api/holds', tags: ['holds'], summary: 'Holds, by camera, case or only the active ones',
      request: { query: HoldListQuery },
      responses: { 200: { description: 'Holds', ...json(z.object({ holds: z.array(HoldSchema) })) } },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const holds = await recording.holds.list({ cameraId: q.cameraId, caseRef: q.caseRef, active: q.active === 'true' });
      return c.json({ holds }, 200);
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'hold.manage' }, {
      method: 'post', path: '/api/holds', tags: ['holds'], summary: 'Secure footage (veiligstellen): cameras × a window, kept past retention until released (INV-2)',
      request: { body: { required: true, ...json(NewHoldBody) } },
      responses: { 201: { description: 'Hold placed', ...json(z.object({ hold: HoldSchema })) } },
    }),
    async (c) => c.json({ hold: await recording.holds.create(c.req.valid('json'), actorOf(c)) }, 201),
  );

  app.openapi(
    securedRoute(policy, { action: 'hold.release' }, {
      method: 'post', path: '/api/holds/{id}/release', tags: ['holds'], summary: 'Release a hold; the next retention sweep applies the limit again',
      request: { params: HoldIdParam, body: { required: true, ...json(ReleaseHoldBody) } },
      responses: { 200: { description: 'Released', ...json(z.object({ hold: HoldSchema })) } },
    }),
    async (c) => c.json({ hold: await recording.holds.release(c.req.valid('param').id, c.req.valid('json').reason, actorOf(c)) }, 200),
  );
}
