import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import type { Policy } from '../auth/policy.js';
import { securedRoute, type AppEnv } from '../auth/guard.js';
import type { Cases } from './cases.module.js';
import { actorOf } from './cases.http.js';
import { alsoReportedUnder, incidentTypeLabels, incidentTypesOf } from './incident.js';
import { HoldSchema, IdParam, IncidentSchema, IncidentTypeSchema, IncidentStepBody, json, ReleaseBody, ReportIncidentBody, SecureBody } from './cases.schema.js';

/** Incidents, securing their footage, releasing holds, and the cameras the forms offer. */
export function registerIncidentRoutes(app: OpenAPIHono<AppEnv>, { cases, policy }: { cases: Cases; policy: Policy }) {
  app.openapi(
    securedRoute(policy, { action: 'cases.read' }, {
      method: 'get', path: '/api/cases/incidents', tags: ['cases'], summary: 'Incidents, newest first',
      request: { query: z.object({ status: z.enum(['open', 'handled']).optional() }) },
      responses: { 200: { description: 'Incidents', ...json(z.object({ incidents: z.array(IncidentSchema) })) } },
    }),
    async (c) => c.json({ incidents: await cases.incidents.list({ status: c.req.valid('query').status }) }, 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'incident.manage' }, {
      method: 'post', path: '/api/cases/incidents', tags: ['cases'], summary: 'Report an incident, and secure its footage in the same step (MOZ-2.4, WCP-4)',
      request: { body: { required: true, ...json(ReportIncidentBody) } },
      responses: { 201: { description: 'Reported', ...json(z.object({ incident: IncidentSchema })) } },
    }),
    async (c) => {
      const { secure, ...input } = c.req.valid('json');
      return c.json({ incident: await cases.incidents.report(input, actorOf(c), secure) }, 201);
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'cases.read' }, {
      method: 'get', path: '/api/cases/incidents/{id}', tags: ['cases'], summary: 'One incident with its holds, requests and timeline',
      request: { params: IdParam },
      responses: { 200: { description: 'Incident', ...json(z.object({ incident: IncidentSchema })) } },
    }),
    async (c) => c.json({ incident: await cases.incidents.get(c.req.valid('param').id) }, 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'incident.manage' }, {
      method: 'post', path: '/api/cases/incidents/{id}/holds', tags: ['cases'], summary: 'Secure footage (veiligstellen): a hold on cameras × window with pre/post margins',
      request: { params: IdParam, body: { required: true, ...json(SecureBody) } },
      responses: { 201: { description: 'Held', ...json(z.object({ incident: IncidentSchema })) } },
    }),
    async (c) => c.json({ incident: await cases.incidents.secure(c.req.valid('param').id, c.req.valid('json'), actorOf(c)) }, 201),
  );

  app.openapi(
    securedRoute(policy, { action: 'incident.manage' }, {
      method: 'post', path: '/api/cases/incidents/{id}/steps', tags: ['cases'], summary: 'Record a police report, proceedings, a consultation with the police (DOM-9), an irrevocable judgment (WCP-11), or that the incident is handled',
      request: { params: IdParam, body: { required: true, ...json(IncidentStepBody) } },
      responses: { 200: { description: 'Incident', ...json(z.object({ incident: IncidentSchema })) } },
    }),
    async (c) => c.json({ incident: await cases.incidents.step(c.req.valid('param').id, c.req.valid('json'), actorOf(c)) }, 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'hold.release' }, {
      method: 'post', path: '/api/cases/holds/{id}/release', tags: ['cases'], summary: 'Release a hold; refused, naming the rule, until the profile\u2019s condition is met',
      request: { params: IdParam, body: { required: true, ...json(ReleaseBody) } },
      responses: { 200: { description: 'Released', ...json(z.object({ hold: HoldSchema })) } },
    }),
    async (c) => c.json({ hold: await cases.incidents.releaseHold(c.req.valid('param').id, c.req.valid('json').reason, actorOf(c)) }, 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'cases.read' }, {
      method: 'get', path: '/api/cases/incident-types', tags: ['cases'], summary: 'The kinds of incident the active protocol covers (DOM-3, WCP-1 …), and those also reported under another protocol (SOE-2/3)',
      responses: { 200: { description: 'Incident types', ...json(z.object({ types: z.array(IncidentTypeSchema) })) } },
    }),
    async (c) => {
      const profile = cases.deps.profile.current();
      const types = incidentTypesOf(profile).map(({ type, rules }) => ({ type, rules, label: incidentTypeLabels[type], reportedUnder: alsoReportedUnder(profile, type) }));
      return c.json({ types }, 200);
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'cases.read' }, {
      method: 'get', path: '/api/cases/cameras', tags: ['cases'], summary: 'Cameras by site, for the incident and request forms',
      responses: { 200: { description: 'Cameras', ...json(z.object({ cameras: z.array(z.object({ id: z.string(), name: z.string(), siteId: z.string(), siteName: z.string(), location: z.string() })) })) } },
    }),
    async (c) => c.json({ cameras: await cases.cameras.list() }, 200),
  );
}
