import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Policy } from '../auth/policy.js';
import { securedRoute, type AppEnv } from '../auth/guard.js';
import { requestMeta } from '../auth/session.middleware.js';
import { forbidden } from '../platform/errors.js';
import type { ViewingService, WatchedRange } from './viewing.service.js';
import {
  CameraParam, EndBody, json, LiveBody, LiveSchema, PlaybackBody, PlaybackSchema, PlaylistQuery, ReportBody, SearchQuery, SearchCameraSchema, SearchResultSchema, SegmentParam, StartViewBody, TimelineParam,
  TimelineQuery, TimelineSchema, TokenQuery, ViewOptionsSchema, ViewSessionIdParam, ViewSessionSchema,
} from './viewing.schema.js';

function who(c: Context<AppEnv>) {
  return { actor: c.get('actor')!, sessionId: c.get('session')!.sessionId, ip: requestMeta(c).ip };
}

const noStore = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
const view = { action: 'footage.view_recordings' } as const;

/**
 * Watching (issue 6). Every route, the media ones included, passes can() through securedRoute; the
 * media routes also check the URL's token (bound to login session, view session, camera, resource).
 */
export function registerViewingRoutes(app: OpenAPIHono<AppEnv>, { viewing, policy }: { viewing: ViewingService; policy: Policy }) {
  app.openapi(
    securedRoute(policy, view, {
      method: 'get', path: '/api/viewing/options', tags: ['viewing'], summary: 'Cameras and the reasons one may state for watching (open incidents and requests; X-2)',
      responses: { 200: { description: 'Options', ...json(ViewOptionsSchema) } },
    }),
    async (c) => c.json(await viewing.options(c.get('actor')!), 200),
  );

  app.openapi(
    securedRoute(policy, view, {
      method: 'post', path: '/api/viewing/sessions', tags: ['viewing'],
      summary: 'Start a view session: cameras and a reason the profile accepts (X-2; police/OvJ identify themselves, SOE-5); logged (INV-3)',
      request: { body: { required: true, ...json(StartViewBody) } },
      responses: { 201: { description: 'Started', ...json(z.object({ session: ViewSessionSchema })) } },
    }),
    async (c) => {
      const { actor, sessionId, ip } = who(c);
      const body = c.req.valid('json');
      if (body.scope === 'live') {
        const decision = policy.can(actor, 'footage.view_live');
        if (!decision.allowed) throw forbidden('forbidden', decision.message.en, decision.rule);
      }
      return c.json({ session: await viewing.start(actor, sessionId, body, ip) }, 201);
    },
  );

  app.openapi(
    securedRoute(policy, view, {
      method: 'get', path: '/api/viewing/sessions/{id}', tags: ['viewing'], summary: 'One of one’s own open view sessions',
      request: { params: ViewSessionIdParam },
      responses: { 200: { description: 'The view session', ...json(z.object({ session: ViewSessionSchema })) } },
    }),
    async (c) => {
      const { actor, sessionId } = who(c);
      return c.json({ session: await viewing.get(actor, sessionId, c.req.valid('param').id) }, 200);
    },
  );

  app.openapi(
    securedRoute(policy, view, {
      method: 'post', path: '/api/viewing/sessions/{id}/playback', tags: ['viewing'],
      summary: 'Play a camera of the view session from an instant: a short-lived playlist URL, or why nothing can be played (WCP-8)',
      request: { params: ViewSessionIdParam, body: { required: true, ...json(PlaybackBody) } },
      responses: { 200: { description: 'Where to play', ...json(PlaybackSchema) } },
    }),
    async (c) => {
      const { actor, sessionId } = who(c);
      const body = c.req.valid('json');
      return c.json(await viewing.playback(actor, sessionId, c.req.valid('param').id, body.cameraId, body.at), 200);
    },
  );

  app.openapi(
    securedRoute(policy, view, {
      method: 'get', path: '/api/viewing/sessions/{id}/cameras/{cameraId}/playlist.m3u8', tags: ['viewing'],
      summary: 'HLS VOD playlist (token-bound to the login session and view session)',
      request: { params: CameraParam, query: PlaylistQuery },
      responses: { 200: { description: 'm3u8', content: { 'application/vnd.apple.mpegurl': { schema: z.string() } } } },
    }),
    async (c) => {
      const { actor, sessionId } = who(c);
      const { id, cameraId } = c.req.valid('param');
      const text = await viewing.playlist(actor, sessionId, id, cameraId, c.req.valid('query'));
      return c.body(text, 200, { 'content-type': 'application/vnd.apple.mpegurl', ...noStore });
    },
  );

  for (const part of ['init', 'media'] as const) {
    const file = part === 'init' ? 'init.mp4' : 'media.m4s';
    app.openapi(
      securedRoute(policy, view, {
        method: 'get', path: `/api/viewing/sessions/{id}/cameras/{cameraId}/segments/{segmentId}/${file}`, tags: ['viewing'],
        summary: `A segment's ${part === 'init' ? 'initialisation' : 'media'} part, decrypted in memory (token-bound)`,
        request: { params: SegmentParam, query: TokenQuery },
        responses: { 200: { description: 'fMP4', content: { 'video/mp4': { schema: z.string().openapi({ format: 'binary' }) } } } },
      }),
      async (c) => {
        const { actor, sessionId } = who(c);
        const { id, cameraId, segmentId } = c.req.valid('param');
        const bytes = await viewing.segmentPart(actor, sessionId, id, cameraId, segmentId, part, c.req.valid('query').t);
        return c.body(new Uint8Array(bytes), 200, { 'content-type': part === 'init' ? 'video/mp4' : 'video/iso.segment', ...noStore });
      },
    );
  }

  const live = { action: 'footage.view_live' } as const;
  app.openapi(
    securedRoute(policy, live, {
      method: 'post', path: '/api/viewing/sessions/{id}/live', tags: ['viewing'],
      summary: 'Watch a camera of a live view session: starts or joins its feed; a short-lived stream URL and the codec for MediaSource',
      request: { params: ViewSessionIdParam, body: { required: true, ...json(LiveBody) } },
      responses: { 200: { description: 'Where to watch', ...json(LiveSchema) } },
    }),
    async (c) => {
      const { actor, sessionId } = who(c);
      return c.json(await viewing.liveStart(actor, sessionId, c.req.valid('param').id, c.req.valid('json').cameraId), 200);
    },
  );

  app.openapi(
    securedRoute(policy, live, {
      method: 'get', path: '/api/viewing/sessions/{id}/cameras/{cameraId}/live.mp4', tags: ['viewing'],
      summary: 'The live stream: fragmented MP4 (init, then a fragment per keyframe) for MediaSource; token-bound, nothing stored',
      request: { params: CameraParam, query: TokenQuery },
      responses: { 200: { description: 'fMP4 stream', content: { 'video/mp4': { schema: z.string().openapi({ format: 'binary' }) } } } },
    }),
    async (c) => {
      const { actor, sessionId } = who(c);
      const { id, cameraId } = c.req.valid('param');
      let stop = () => undefined as void;
      let controller!: ReadableStreamDefaultController<Uint8Array>;
      let closed = false;
      const stream = new ReadableStream<Uint8Array>({
        start: (ctrl) => {
          controller = ctrl;
        },
        cancel: () => {
          closed = true;
          stop();
        },
      });
      const subscription = await viewing.liveStream(actor, sessionId, id, cameraId, c.req.valid('query').t, {
        fragment: (bytes) => {
          if (!closed) controller.enqueue(new Uint8Array(bytes));
        },
        close: () => {
          if (closed) return;
          closed = true;
          controller.close();
        },
      });
      stop = subscription.unsubscribe;
      controller.enqueue(new Uint8Array(subscription.head));
      return new Response(stream, { status: 200, headers: { 'content-type': 'video/mp4', ...noStore } }) as never;
    },
  );

  app.openapi(
    securedRoute(policy, view, {
      method: 'post', path: '/api/viewing/sessions/{id}/ranges', tags: ['viewing'],
      summary: 'The player reports the footage it showed (start, seeks, end); closed stretches go into the logboek (INV-3)',
      request: { params: ViewSessionIdParam, body: { required: true, ...json(ReportBody) } },
      responses: { 200: { description: 'Recorded', ...json(z.object({ logged: z.number().int() })) } },
    }),
    async (c) => {
      const { actor, sessionId, ip } = who(c);
      return c.json(await viewing.report(actor, sessionId, c.req.valid('param').id, c.req.valid('json').ranges, ip), 200);
    },
  );

  app.openapi(
    securedRoute(policy, view, {
      method: 'post', path: '/api/viewing/sessions/{id}/end', tags: ['viewing'], summary: 'End the view session (logged with what was watched)',
      request: { params: ViewSessionIdParam, body: { required: false, ...json(EndBody) } },
      responses: { 200: { description: 'Ended', ...json(z.object({ session: ViewSessionSchema })) } },
    }),
    async (c) => {
      const { actor, sessionId, ip } = who(c);
      const ranges = (c.req.valid('json') as { ranges?: WatchedRange[] } | undefined)?.ranges ?? [];
      return c.json({ session: await viewing.end(actor, sessionId, c.req.valid('param').id, ip, ranges) }, 200);
    },
  );

  app.openapi(
    securedRoute(policy, view, {
      method: 'get', path: '/api/viewing/cameras/{cameraId}/timeline', tags: ['viewing'],
      summary: 'A camera’s timeline from the segment index: recorded / motion / held bands (gaps between); no footage',
      request: { params: TimelineParam, query: TimelineQuery },
      responses: { 200: { description: 'Timeline', ...json(TimelineSchema) } },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(await viewing.timeline(c.req.valid('param').cameraId, q.from, q.to), 200);
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'viewing.search' }, {
      method: 'get', path: '/api/viewing/search/cameras', tags: ['viewing'], summary: 'The cameras of the register, for choosing one in the who-saw search',
      responses: { 200: { description: 'Cameras', ...json(z.object({ cameras: z.array(SearchCameraSchema) })) } },
    }),
    async (c) => c.json({ cameras: await viewing.searchCameras() }, 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'viewing.search' }, {
      method: 'get', path: '/api/viewing/search', tags: ['viewing'], summary: 'Who saw a camera in a window (SOE-7.2): view sessions whose watched footage overlaps it',
      request: { query: SearchQuery },
      responses: { 200: { description: 'View sessions', ...json(SearchResultSchema) } },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const { actor, ip } = who(c);
      return c.json({ results: await viewing.search(q.cameraId, q.from, q.to, actor, ip) }, 200);
    },
  );
}
