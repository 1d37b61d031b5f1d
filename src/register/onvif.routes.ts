import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import type { Policy } from '../auth/policy.js';
import { securedRoute, type AppEnv } from '../auth/guard.js';
import { cameraProblems, reachingCamera } from './connection-test.routes.js';
import { DiscoverBody, DiscoveredDeviceSchema, ProbeBody, ProbeResultSchema } from './onvif.schema.js';
import type { Register } from './register.module.js';
import { actorOf } from './register.actor.js';
import { json } from './site.schema.js';

/** ONVIF discovery and probing, to add real cameras (issue 4, item 5). Both are logboek entries. */
export function registerOnvifRoutes(app: OpenAPIHono<AppEnv>, { register, policy }: { register: Register; policy: Policy }) {
  app.openapi(
    securedRoute(policy, { action: 'register.manage' }, {
      method: 'post', path: '/api/register/onvif/discover', tags: ['register'],
      summary: 'Search the network for ONVIF cameras (WS-Discovery), or probe one address directly',
      request: { body: { required: false, ...json(DiscoverBody) } },
      responses: { 200: { description: 'The cameras that answered', ...json(z.object({ devices: z.array(DiscoveredDeviceSchema) })) }, ...cameraProblems },
    }),
    (c) => reachingCamera(c, async () => c.json({ devices: await register.onvif.discover(c.req.valid('json') ?? {}, actorOf(c)) }, 200)) as never,
  );

  app.openapi(
    securedRoute(policy, { action: 'register.manage' }, {
      method: 'post', path: '/api/register/onvif/probe', tags: ['register'],
      summary: 'Ask one ONVIF camera for its make, model and stream addresses (the credentials are used once, never stored)',
      request: { body: { required: true, ...json(ProbeBody) } },
      responses: { 200: { description: 'Device information and media profiles with stream URLs (without credentials)', ...json(ProbeResultSchema) }, ...cameraProblems },
    }),
    (c) => reachingCamera(c, async () => c.json(await register.onvif.probe(c.req.valid('json'), actorOf(c)), 200)) as never,
  );
}
