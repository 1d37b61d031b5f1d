import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { Policy } from '../auth/policy.js';
import { securedRoute, type AppEnv } from '../auth/guard.js';
import { invalid } from '../platform/errors.js';
import { problem } from '../platform/http/problem.js';
import { maxDocumentBytes } from './document.js';
import type { Register } from './register.module.js';
import { actorOf } from './register.actor.js';
import { registerProfileView } from './register.view.js';
import { DocumentSchema, IdParam, json, NewSiteBody, RegisterProfileSchema, SiteChangesBody, SiteSchema, UploadForm } from './site.schema.js';

/** Profiles, sites and evidence documents. */
export function registerSiteRoutes(app: OpenAPIHono<AppEnv>, { register, policy }: { register: Register; policy: Policy }) {
  app.openapi(
    securedRoute(policy, { action: 'register.read' }, {
      method: 'get', path: '/api/register/profiles', tags: ['register'], summary: 'The shipped protocol profiles, as the register forms need them',
      responses: { 200: { description: 'Profiles', ...json(z.object({ profiles: z.array(RegisterProfileSchema) })) } },
    }),
    (c) => {
      const active = register.activeProfileId();
      return c.json({ profiles: register.profiles().map((p) => ({ ...registerProfileView(p), active: p.id === active })) }, 200);
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'register.read' }, {
      method: 'get', path: '/api/register/sites', tags: ['register'], summary: 'All sites',
      responses: { 200: { description: 'Sites', ...json(z.object({ sites: z.array(SiteSchema) })) } },
    }),
    async (c) => c.json({ sites: await register.sites.list() }, 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'register.manage' }, {
      method: 'post', path: '/api/register/sites', tags: ['register'], summary: 'Add a site (complex, building)',
      request: { body: { required: true, ...json(NewSiteBody) } },
      responses: { 201: { description: 'Added', ...json(z.object({ site: SiteSchema })) } },
    }),
    async (c) => c.json({ site: await register.sites.create(c.req.valid('json'), actorOf(c)) }, 201),
  );

  app.openapi(
    securedRoute(policy, { action: 'register.read' }, {
      method: 'get', path: '/api/register/sites/{id}', tags: ['register'], summary: 'One site',
      request: { params: IdParam },
      responses: { 200: { description: 'Site', ...json(z.object({ site: SiteSchema })) } },
    }),
    async (c) => c.json({ site: await register.sites.get(c.req.valid('param').id) }, 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'register.manage' }, {
      method: 'patch', path: '/api/register/sites/{id}', tags: ['register'], summary: 'Change a site (refused when an active camera would lose what its profile requires)',
      request: { params: IdParam, body: { required: true, ...json(SiteChangesBody) } },
      responses: { 200: { description: 'Changed', ...json(z.object({ site: SiteSchema })) } },
    }),
    async (c) => c.json({ site: await register.sites.update(c.req.valid('param').id, c.req.valid('json'), actorOf(c)) }, 200),
  );

  // Bodies are refused past the limit before they are read in full (the multipart envelope adds a little).
  app.use(
    '/api/register/documents',
    bodyLimit({
      maxSize: maxDocumentBytes + 64 * 1024,
      onError: (c) => problem(c, 413 as 400, { title: 'The file is larger than 10 MiB', code: 'document_too_large', field: 'file' }),
    }),
  );

  app.openapi(
    securedRoute(policy, { action: 'register.upload' }, {
      method: 'post', path: '/api/register/documents', tags: ['register'], summary: 'Upload an evidence document or photo (PDF, JPEG, PNG; at most 10 MiB)',
      request: { body: { required: true, content: { 'multipart/form-data': { schema: UploadForm } } } },
      responses: { 201: { description: 'Stored', ...json(z.object({ document: DocumentSchema })) } },
    }),
    async (c) => {
      const file = c.req.valid('form').file as unknown;
      if (!(file instanceof File)) throw invalid('file_required', 'Attach a file', 'file');
      const content = new Uint8Array(await file.arrayBuffer());
      return c.json({ document: await register.documents.upload(content, file.name, actorOf(c)) }, 201);
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'register.read' }, {
      method: 'get', path: '/api/register/documents/{id}', tags: ['register'], summary: 'Download a document (photos are shown inline)',
      request: { params: IdParam },
      responses: { 200: { description: 'The stored bytes', content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } } },
    }),
    async (c) => {
      const { document, content } = await register.documents.get(c.req.valid('param').id);
      const disposition = document.mediaType.startsWith('image/') ? 'inline' : 'attachment';
      return c.body(new Uint8Array(content), 200, {
        'content-type': document.mediaType,
        'content-length': String(content.length),
        'content-disposition': `${disposition}; filename="${encodeURIComponent(document.name)}"; filename*=UTF-8''${encodeURIComponent(document.name)}`,
        'x-content-type-options': 'nosniff',
        'cache-control': 'private, no-store',
        'content-security-policy': "default-src 'none'; sandbox",
      });
    },
  );
}
