import type { Context } from 'hono';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import { securedRoute, type AppEnv } from '../../auth/guard.js';
import type { Policy } from '../../auth/policy.js';
import { notFound } from '../../platform/errors.js';
import { protocolProfileSchema } from '../profile.schema.js';
import { diffProfiles } from './profile-diff.js';
import type { ProfileEditor } from './profile-editor.js';
import type { ProfileActor, ProfileStore } from './profile-store.js';
import {
  ActivateBody, ChangesSchema, DiffQuery, DraftBody, json, ValidationSchema, VersionIdParam, VersionSchema, VersionSummarySchema,
  versionSummary, versionView,
} from './profile-version.schema.js';

function actorOf(c: Context<AppEnv>): ProfileActor {
  const actor = c.get('actor')!;
  return { id: actor.id, name: actor.username, role: actor.role };
}

const Changed = z.object({ version: VersionSchema, changes: ChangesSchema });

/**
 * The protocol profile's versions for the privacy officer's UI (issue 3 items 6 and 10): read the
 * versions and their differences; create a draft, change it (validated), activate it from a date.
 */
export function registerProfileVersionRoutes(app: OpenAPIHono<AppEnv>, deps: { store: ProfileStore; editor: ProfileEditor; policy: Policy }) {
  const { store, editor, policy } = deps;
  const found = (id: string) => {
    const version = store.find(id);
    if (!version) throw notFound('profile_version_not_found', `No version ${id} of protocol profile ${store.profileId}`);
    return version;
  };

  app.openapi(
    securedRoute(policy, { action: 'protocol.read' }, {
      method: 'get', path: '/api/protocol/versions', tags: ['protocol'], summary: 'The versions of the protocol profile, oldest first, with the one in force',
      responses: { 200: { description: 'Versions', ...json(z.object({ profileId: z.string(), inForce: z.string(), versions: z.array(VersionSummarySchema) })) } },
    }),
    (c) => c.json({ profileId: store.profileId, inForce: store.currentVersion().id, versions: store.list().map(versionSummary) }, 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'protocol.read' }, {
      method: 'get', path: '/api/protocol/versions/{id}', tags: ['protocol'], summary: 'One version with its profile',
      request: { params: VersionIdParam },
      responses: { 200: { description: 'Version', ...json(z.object({ version: VersionSchema })) } },
    }),
    (c) => c.json({ version: versionView(found(c.req.valid('param').id)) }, 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'protocol.read' }, {
      method: 'get', path: '/api/protocol/diff', tags: ['protocol'], summary: 'The changed JSON paths between two versions',
      request: { query: DiffQuery },
      responses: { 200: { description: 'Changes from `from` to `to`', ...json(z.object({ changes: ChangesSchema })) } },
    }),
    (c) => {
      const { from, to } = c.req.valid('query');
      return c.json({ changes: diffProfiles(found(from).profile, found(to).profile) }, 200);
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'protocol.manage' }, {
      method: 'post', path: '/api/protocol/drafts', tags: ['protocol'], summary: 'Start a draft: a copy of the newest activated version',
      responses: { 201: { description: 'Draft', ...json(z.object({ version: VersionSchema })) }, 409: { description: 'A draft exists already' } },
    }),
    async (c) => c.json({ version: versionView(await editor.createDraft(actorOf(c))) }, 201),
  );

  app.openapi(
    securedRoute(policy, { action: 'protocol.manage' }, {
      method: 'post', path: '/api/protocol/validate', tags: ['protocol'], summary: 'Check a profile without saving it: every problem with its field path',
      request: { body: { required: true, ...json(DraftBody) } },
      responses: { 200: { description: 'Validation result', ...json(ValidationSchema) } },
    }),
    (c) => {
      const parsed = protocolProfileSchema.safeParse(c.req.valid('json').profile);
      const errors = parsed.success ? [] : parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(profile)', message: issue.message }));
      return c.json({ valid: parsed.success, errors }, 200);
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'protocol.manage' }, {
      method: 'put', path: '/api/protocol/versions/{id}', tags: ['protocol'], summary: 'Replace the profile of a draft (validated; 400 names the field path)',
      request: { params: VersionIdParam, body: { required: true, ...json(DraftBody) } },
      responses: { 200: { description: 'Saved, with the changes', ...json(Changed) }, 404: { description: 'No such version' }, 409: { description: 'Not a draft' } },
    }),
    async (c) => {
      const { version, changes } = await editor.updateDraft(c.req.valid('param').id, c.req.valid('json').profile, actorOf(c));
      return c.json({ version: versionView(version), changes }, 200);
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'protocol.manage' }, {
      method: 'post', path: '/api/protocol/versions/{id}/activate', tags: ['protocol'], summary: 'Activate a draft from a date (today or later, Europe/Amsterdam)',
      request: { params: VersionIdParam, body: { required: true, ...json(ActivateBody) } },
      responses: { 200: { description: 'Activated, with the changes against the version it replaces', ...json(Changed) }, 404: { description: 'No such version' }, 409: { description: 'Not a draft' } },
    }),
    async (c) => {
      const { version, changes } = await editor.activate(c.req.valid('param').id, c.req.valid('json').effectiveFrom, actorOf(c));
      return c.json({ version: versionView(version), changes }, 200);
    },
  );
}
