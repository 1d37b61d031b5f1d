import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { Policy } from '../auth/policy.js';
import { securedRoute, type AppEnv } from '../auth/guard.js';
import { invalid } from '../platform/errors.js';
import { problem } from '../platform/http/problem.js';
import type { Cases } from './cases.module.js';
import { actorOf, documentHeaders } from './cases.http.js';
import { DocumentSchema, IdParam, json, ScanForm, SignatureBody } from './cases.schema.js';
import { maxScanBytes } from './documents/document-file.js';

/** Case documents: download, sign on screen, or record the signed scan. */
export function registerDocumentRoutes(app: OpenAPIHono<AppEnv>, { cases, policy }: { cases: Cases; policy: Policy }) {
  // Bodies are refused past the limit before they are read in full.
  app.use('/api/cases/documents/:id/signature', bodyLimit({ maxSize: 1024 * 1024, onError: (c) => problem(c, 413 as 400, { title: 'The signature is too large', code: 'signature_too_large', field: 'signaturePng' }) }));
  app.use('/api/cases/documents/:id/scan', bodyLimit({ maxSize: maxScanBytes + 64 * 1024, onError: (c) => problem(c, 413 as 400, { title: 'The file is larger than 10 MiB', code: 'document_too_large', field: 'file' }) }));

  app.use('/api/cases/requests/:id/written-request', bodyLimit({ maxSize: maxScanBytes + 64 * 1024, onError: (c) => problem(c, 413 as 400, { title: 'The file is larger than 10 MiB', code: 'document_too_large', field: 'file' }) }));

  app.openapi(
    securedRoute(policy, { action: 'cases.handle' }, {
      method: 'post', path: '/api/cases/requests/{id}/written-request', tags: ['cases'], summary: 'Keep the written request as it arrived (a scanned vordering or letter; PDF, PNG or JPEG, at most 10 MiB)',
      request: { params: IdParam, body: { required: true, content: { 'multipart/form-data': { schema: ScanForm } } } },
      responses: { 201: { description: 'Kept; its SHA-256 is in the logboek', ...json(z.object({ document: DocumentSchema })) } },
    }),
    async (c) => {
      const file = c.req.valid('form').file as unknown;
      if (!(file instanceof File)) throw invalid('file_required', 'Attach the written request', 'file');
      return c.json({ document: await cases.documents.attachWrittenRequest(c.req.valid('param').id, new Uint8Array(await file.arrayBuffer()), actorOf(c)) }, 201);
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'cases.read' }, {
      method: 'get', path: '/api/cases/documents/{id}', tags: ['cases'], summary: 'Download a case document (checked against its SHA-256)',
      request: { params: IdParam },
      responses: { 200: { description: 'The stored bytes', content: { 'application/octet-stream': { schema: z.string().openapi({ format: 'binary' }) } } } },
    }),
    async (c) => {
      const { document, content } = await cases.documents.download(c.req.valid('param').id);
      return c.body(new Uint8Array(content), 200, documentHeaders(document.mediaType, document.fileName, content.length));
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'cases.handle' }, {
      method: 'post', path: '/api/cases/documents/{id}/signature', tags: ['cases'], summary: 'Sign a generated document on screen: the drawn PNG goes into a new, signed PDF',
      request: { params: IdParam, body: { required: true, ...json(SignatureBody) } },
      responses: { 201: { description: 'The signed document; its SHA-256 is in the logboek', ...json(z.object({ document: DocumentSchema })) } },
    }),
    async (c) => c.json({ document: await cases.documents.signOnScreen(c.req.valid('param').id, c.req.valid('json'), actorOf(c)) }, 201),
  );

  app.openapi(
    securedRoute(policy, { action: 'cases.handle' }, {
      method: 'post', path: '/api/cases/documents/{id}/scan', tags: ['cases'], summary: 'Record the signed paper version: a scan (PDF, PNG or JPEG; at most 10 MiB)',
      request: { params: IdParam, body: { required: true, content: { 'multipart/form-data': { schema: ScanForm } } } },
      responses: { 201: { description: 'The signed document; its SHA-256 is in the logboek', ...json(z.object({ document: DocumentSchema })) } },
    }),
    async (c) => {
      const form = c.req.valid('form');
      const file = form.file as unknown;
      if (!(file instanceof File)) throw invalid('file_required', 'Attach the signed scan', 'file');
      const content = new Uint8Array(await file.arrayBuffer());
      return c.json({ document: await cases.documents.uploadSignedScan(c.req.valid('param').id, content, form.signerName ?? null, actorOf(c)) }, 201);
    },
  );
}
