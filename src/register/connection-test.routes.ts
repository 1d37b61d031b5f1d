import type { Context } from 'hono';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Policy } from '../auth/policy.js';
import { securedRoute, type AppEnv } from '../auth/guard.js';
import { problem, ProblemSchema } from '../platform/http/problem.js';
import { CameraAccessError } from './connection-test.failure.js';
import { ConnectionTestSchema } from './onvif.schema.js';
import type { Register } from './register.module.js';
import { actorOf } from './register.actor.js';
import { IdParam, json } from './site.schema.js';

const problemContent = { content: { 'application/problem+json': { schema: ProblemSchema } } };

/** The answers of a route that reaches a camera, besides its own. */
export const cameraProblems = {
  429: { description: 'Too many connection tests at once', ...problemContent },
  502: { description: 'The camera could not be reached, refused the credentials or sent no image (camera_unreachable, camera_auth_failed, camera_no_video, camera_not_onvif)', ...problemContent },
};

/**
 * Runs a handler that reaches a camera; a CameraAccessError becomes problem JSON (502) with its
 * code, its finer reason in `detail` and a Dutch and English sentence. It never names the URL or
 * the credentials.
 */
export async function reachingCamera(c: Context<AppEnv>, handler: () => Promise<Response>): Promise<Response> {
  try {
    return await handler();
  } catch (err) {
    if (!(err instanceof CameraAccessError)) throw err;
    return problem(c, 502, { title: err.message, code: err.code, detail: err.reason, message: err.text });
  }
}

/** POST /api/register/cameras/{id}/connection-test: one frame from the camera, as a thumbnail. */
export function registerConnectionTestRoutes(app: OpenAPIHono<AppEnv>, { register, policy }: { register: Register; policy: Policy }) {
  app.openapi(
    securedRoute(policy, { action: 'register.manage' }, {
      method: 'post', path: '/api/register/cameras/{id}/connection-test', tags: ['register'],
      summary: 'Connection test: grab one frame over RTSP (TCP) with the stored credentials, as a JPEG thumbnail (logged, not stored)',
      request: { params: IdParam },
      responses: {
        200: { description: 'The camera sent an image', ...json(ConnectionTestSchema) },
        404: { description: 'No such camera', ...problemContent },
        409: { description: 'Nothing to test: no address, a dummy or a retired camera', ...problemContent },
        ...cameraProblems,
      },
    }),
    (c) => reachingCamera(c, async () => c.json(await register.connectionTests.test(c.req.valid('param').id, actorOf(c)), 200)) as never,
  );
}
