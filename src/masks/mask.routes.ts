import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { securedRoute, type AppEnv } from '../auth/guard.js';
import type { Policy } from '../auth/policy.js';
import { requestMeta } from '../auth/session.middleware.js';
import { maskLimits } from './mask.js';
import type { MaskService } from './mask.service.js';
import type { MaskStill } from './mask-still.js';
import { forbidden } from '../platform/errors.js';
import { CameraMasksSchema, CameraParam, json, LiftBody, LiftParam, LiftSchema, MaskVersionSchema, SaveMaskBody } from './mask.schema.js';

const who = (c: Context<AppEnv>) => ({ actor: c.get('actor')!, ip: requestMeta(c).ip });

/** Privacy masks (issue 9 item 4): read, save a new version, start and end a lift. */
export function registerMaskRoutes(app: OpenAPIHono<AppEnv>, { masks, still, policy }: { masks: MaskService; still: MaskStill; policy: Policy }) {
  app.openapi(
    securedRoute(policy, { action: 'mask.read' }, {
      method: 'get', path: '/api/masks/cameras/{cameraId}', tags: ['masks'], summary: 'A camera’s privacy masks: the current version, every earlier one and the lifts (no footage)',
      request: { params: CameraParam },
      responses: { 200: { description: 'Masks', ...json(CameraMasksSchema) } },
    }),
    async (c) => {
      const { cameraId } = c.req.valid('param');
      const actor = c.get('actor')!;
      const { cameraName, versions, lifts } = await masks.history(cameraId);
      return c.json({
        cameraId, cameraName, current: versions[0] ?? null, versions, lifts,
        limits: { maxPolygons: maskLimits.maxPolygons, maxCorners: maskLimits.maxCorners, maxLiftMinutes: maskLimits.maxLiftMinutes },
        may: { manage: policy.can(actor, 'mask.manage').allowed, lift: policy.can(actor, 'mask.lift').allowed },
      }, 200);
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'mask.manage' }, {
      method: 'put', path: '/api/masks/cameras/{cameraId}', tags: ['masks'],
      summary: 'Save the camera’s masks as a new version (DOM-2, WEL-4, SOE-8): polygons in 0..1 picture coordinates, with a reason; logged',
      request: { params: CameraParam, body: { required: true, ...json(SaveMaskBody) } },
      responses: { 200: { description: 'The new version', ...json(z.object({ version: MaskVersionSchema })) } },
    }),
    async (c) => {
      const { actor, ip } = who(c);
      const body = c.req.valid('json');
      return c.json({ version: await masks.save(c.req.valid('param').cameraId, body.polygons, body.reason, actor, ip) }, 200);
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'mask.lift' }, {
      method: 'post', path: '/api/masks/cameras/{cameraId}/lifts', tags: ['masks'],
      summary: 'Lift the camera’s masks for one of one’s own view sessions or for a case’s exports, with a reason and an expiry; logged',
      request: { params: CameraParam, body: { required: true, ...json(LiftBody) } },
      responses: { 201: { description: 'The lift', ...json(z.object({ lift: LiftSchema })) } },
    }),
    async (c) => {
      const { actor, ip } = who(c);
      return c.json({ lift: await masks.lift(c.req.valid('param').cameraId, c.req.valid('json'), actor, ip) }, 201);
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'mask.lift' }, {
      method: 'post', path: '/api/masks/cameras/{cameraId}/lifts/{liftId}/end', tags: ['masks'], summary: 'End a lift before it expires; logged',
      request: { params: LiftParam },
      responses: { 200: { description: 'Ended', ...json(z.object({ lift: LiftSchema })) } },
    }),
    async (c) => {
      const { actor, ip } = who(c);
      const { cameraId, liftId } = c.req.valid('param');
      return c.json({ lift: await masks.endLift(cameraId, liftId, actor, ip) }, 200);
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'mask.manage' }, {
      method: 'get', path: '/api/masks/cameras/{cameraId}/still.jpg', tags: ['masks'],
      summary: 'The last recorded frame with the current masks burnt in, to draw on; footage, so it also needs the right to view recordings and is logged (INV-3)',
      request: { params: CameraParam },
      responses: { 200: { description: 'JPEG', content: { 'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) } } } },
    }),
    async (c) => {
      const { actor, ip } = who(c);
      const { cameraId } = c.req.valid('param');
      // A still is footage: drawing masks does not by itself allow seeing it (the profile's view_recordings does).
      const jpeg = await still.jpeg(cameraId, actor, ip, () => {
        const decision = policy.can(actor, 'footage.view_recordings');
        if (!decision.allowed) throw forbidden('still_not_allowed', decision.message.en, decision.rule);
      });
      return c.body(new Uint8Array(jpeg), 200, { 'content-type': 'image/jpeg', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    },
  );
}
