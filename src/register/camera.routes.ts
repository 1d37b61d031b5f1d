import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import type { Policy } from '../auth/policy.js';
import { securedRoute, type AppEnv } from '../auth/guard.js';
import { ProblemSchema } from '../platform/http/problem.js';
import {
  ActivationSchema, ApprovalBody, ApprovalSchema, CameraChangesBody, CameraDetailSchema, CameraListQuery, CameraSchema, CameraSummarySchema,
  NewCameraBody, StatusBody,
} from './camera.schema.js';
import type { Register } from './register.module.js';
import { actorOf } from './register.actor.js';
import { cameraView } from './register.view.js';
import { IdParam, json } from './site.schema.js';

const refused = {
  409: { description: 'Refused: something the profile requires is not on record (names the rule)', content: { 'application/problem+json': { schema: ProblemSchema } } },
};

/** Cameras, their status (activation is gated, INV-8) and their approvals. */
export function registerCameraRoutes(app: OpenAPIHono<AppEnv>, { register, policy }: { register: Register; policy: Policy }) {
  app.openapi(
    securedRoute(policy, { action: 'register.read' }, {
      method: 'get', path: '/api/register/cameras', tags: ['register'], summary: 'Cameras, with whether each may be active now',
      request: { query: CameraListQuery },
      responses: { 200: { description: 'Cameras', ...json(z.object({ cameras: z.array(CameraSummarySchema) })) } },
    }),
    async (c) => {
      const cameras = await register.cameras.list(c.req.valid('query'));
      return c.json({ cameras: cameras.map((camera) => ({ ...cameraView(camera), siteName: camera.siteName, activation: camera.activation })) }, 200);
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'register.manage' }, {
      method: 'post', path: '/api/register/cameras', tags: ['register'], summary: 'Add a camera (planned); credentials are sealed and never returned',
      request: { body: { required: true, ...json(NewCameraBody) } },
      responses: { 201: { description: 'Added', ...json(z.object({ camera: CameraSchema })) } },
    }),
    async (c) => c.json({ camera: cameraView(await register.cameras.create(c.req.valid('json'), actorOf(c))) }, 201),
  );

  app.openapi(
    securedRoute(policy, { action: 'register.read' }, {
      method: 'get', path: '/api/register/cameras/{id}', tags: ['register'], summary: 'One camera with its site, approvals, activation check, checks and defects',
      request: { params: IdParam },
      responses: { 200: { description: 'Camera', ...json(CameraDetailSchema) } },
    }),
    async (c) => {
      const { camera, site, approvals, activation, checks, defects } = await register.cameras.get(c.req.valid('param').id);
      return c.json({ camera: cameraView(camera), site, approvals, activation, checks, defects }, 200);
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'register.manage' }, {
      method: 'patch', path: '/api/register/cameras/{id}', tags: ['register'], summary: 'Change a camera (an active camera only within its approvals)',
      request: { params: IdParam, body: { required: true, ...json(CameraChangesBody) } },
      responses: { 200: { description: 'Changed', ...json(z.object({ camera: CameraSchema })) }, ...refused },
    }),
    async (c) => c.json({ camera: cameraView(await register.cameras.update(c.req.valid('param').id, c.req.valid('json'), actorOf(c))) }, 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'register.manage' }, {
      method: 'post', path: '/api/register/cameras/{id}/status', tags: ['register'],
      summary: 'Set a camera\u2019s status; to active only when the approvals its profile requires are on record (INV-8)',
      request: { params: IdParam, body: { required: true, ...json(StatusBody) } },
      responses: { 200: { description: 'Status set', ...json(z.object({ camera: CameraSchema })) }, ...refused },
    }),
    async (c) => {
      const { status, note } = c.req.valid('json');
      return c.json({ camera: cameraView(await register.cameras.setStatus(c.req.valid('param').id, status, actorOf(c), note)) }, 200);
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'register.approve' }, {
      method: 'post', path: '/api/register/cameras/{id}/approvals', tags: ['register'],
      summary: 'Record an assessment or approval (proportionality, DPIA, VvE, works council, WEL-8 suspicion)',
      request: { params: IdParam, body: { required: true, ...json(ApprovalBody) } },
      responses: { 201: { description: 'Recorded; with the camera\u2019s activation check after it', ...json(z.object({ approval: ApprovalSchema, activation: ActivationSchema })) } },
    }),
    async (c) => c.json(await register.approvals.record(c.req.valid('param').id, c.req.valid('json'), actorOf(c)), 201),
  );
}
