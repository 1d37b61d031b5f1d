import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { securedRoute, type AppEnv } from '../auth/guard.js';
import type { Policy } from '../auth/policy.js';
import { requestMeta } from '../auth/session.middleware.js';
import { TokenBucketLimiter } from '../cases/public/rate-limit.js';
import { DomainError, invalid } from '../platform/errors.js';
import type { ExportActor, ExportService } from './export.service.js';
import { CreateExportBody, ExportIdParam, ExportJobSchema, QueuedExportSchema, HandOverBody, ExportListQuery, ExportSchema, json, VerifyForm, verifyBody, VerifyReportSchema } from './export.schema.js';
import { sha256 } from './signing-key.js';
import { verifyUpload } from './verify.js';
import { z } from '@hono/zod-openapi';

function actorOf(c: Context<AppEnv>): ExportActor {
  const actor = c.get('actor')!;
  return { id: actor.id, name: actor.username, role: actor.role };
}

/** Evidence exports: create from a case, list, download once; verify (logged in, and public for recipients). */
export function registerExportRoutes(app: OpenAPIHono<AppEnv>, { exports, policy }: { exports: ExportService; policy: Policy }) {
  app.openapi(
    securedRoute(policy, { action: 'export.create' }, {
      method: 'post', path: '/api/exports', tags: ['exports'],
      summary: 'Queue a sealed, encrypted export package from an allowed request as a job (the password is in this response only)',
      request: { body: { ...json(CreateExportBody), required: true } },
      responses: { 202: { description: 'Queued: follow the job for its progress', ...json(QueuedExportSchema) } },
    }),
    async (c) => {
      const queued = await exports.jobs.enqueue(c.req.valid('json'), actorOf(c));
      c.header('cache-control', 'no-store');
      return c.json(queued, 202);
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'export.read' }, {
      method: 'get', path: '/api/exports/jobs', tags: ['exports'], summary: 'The export jobs of a case, with state and progress',
      request: { query: ExportListQuery },
      responses: { 200: { description: 'Jobs', ...json(z.object({ jobs: z.array(ExportJobSchema) })) } },
    }),
    async (c) => c.json({ jobs: await exports.jobs.forCase(c.req.valid('query').caseRef) }, 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'export.read' }, {
      method: 'get', path: '/api/exports/jobs/{id}', tags: ['exports'], summary: 'One export job: state, phase and progress (0..1)',
      request: { params: ExportIdParam },
      responses: { 200: { description: 'The job', ...json(z.object({ job: ExportJobSchema })) } },
    }),
    async (c) => c.json({ job: await exports.jobs.get(c.req.valid('param').id) }, 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'export.create' }, {
      method: 'post', path: '/api/exports/jobs/{id}/cancel', tags: ['exports'], summary: 'Cancel a queued or running export job (logged)',
      request: { params: ExportIdParam },
      responses: { 200: { description: 'The job', ...json(z.object({ job: ExportJobSchema })) } },
    }),
    async (c) => c.json({ job: await exports.jobs.cancel(c.req.valid('param').id, actorOf(c)) }, 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'export.read' }, {
      method: 'get', path: '/api/exports', tags: ['exports'], summary: 'The exports of a case',
      request: { query: ExportListQuery },
      responses: { 200: { description: 'Exports', ...json(z.object({ exports: z.array(ExportSchema) })) } },
    }),
    async (c) => c.json({ exports: await exports.forCase(c.req.valid('query').caseRef) }, 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'export.create' }, {
      method: 'get', path: '/api/exports/{id}/download', tags: ['exports'], summary: 'Download the encrypted package, once (logged)',
      request: { params: ExportIdParam },
      responses: { 200: { description: 'The package', content: { 'application/zip': { schema: z.string().openapi({ format: 'binary' }) } } } },
    }),
    async (c) => {
      const { fileName, bytes, body } = await exports.download(c.req.valid('param').id, actorOf(c), requestMeta(c).ip);
      return c.body(body, 200, {
        'content-type': 'application/zip', 'content-length': String(bytes), 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'no-store',
      });
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'export.create' }, {
      method: 'post', path: '/api/exports/{id}/handover', tags: ['exports'], summary: 'Record the hand-over: to whom, identified how (logged with the package hash)',
      request: { params: ExportIdParam, body: { ...json(HandOverBody), required: true } },
      responses: { 200: { description: 'The export', ...json(z.object({ export: ExportSchema })) } },
    }),
    async (c) => c.json({ export: await exports.handOver(c.req.valid('param').id, c.req.valid('json'), actorOf(c), requestMeta(c).ip) }, 200),
  );

  // Verification decrypts and hashes whole uploads: the public page is limited per address (10 at once, then one a minute).
  const publicLimiter = new TokenBucketLimiter(10, 60_000);
  const verify = async (c: Context<AppEnv>, revealCase: boolean) => {
    if (!revealCase) {
      const ip = requestMeta(c).ip ?? 'unknown';
      if (!publicLimiter.take(ip, Date.now())) {
        c.header('retry-after', String(publicLimiter.retryAfterSeconds(ip, Date.now())));
        throw new DomainError('too_many', 'too_many_requests', 'Too many verifications; try again later', { message: { nl: 'Te veel controles vanaf dit adres. Probeer het later opnieuw.', en: 'Too many verifications from this address. Please try again later.' } });
      }
    }
    const parsed = VerifyForm.safeParse(await c.req.parseBody().catch(() => ({})));
    if (!parsed.success) throw invalid('verify_upload', parsed.error.issues[0]?.message ?? 'upload the file to verify as "file"', 'file');
    const bytes = Buffer.from(await parsed.data.file.arrayBuffer());
    const signature = parsed.data.signature ? Buffer.from(await parsed.data.signature.arrayBuffer()) : null;
    const report = await verifyUpload(parsed.data.file.name || 'upload', bytes, { password: parsed.data.password || undefined, signature });
    const issued = report.kind === 'package' ? await exports.issued(sha256(bytes)) : null;
    return c.json({ ...report, issuedHere: issued ? { createdAt: issued.createdAt, ...(revealCase ? { caseRef: issued.caseRef, exportId: issued.exportId } : {}) } : null }, 200);
  };

  app.openapi(
    securedRoute(policy, 'session', {
      method: 'post', path: '/api/exports/verify', tags: ['exports'], summary: 'Verify an uploaded package, sealed MP4 or manifest: every check, named',
      request: { body: verifyBody },
      responses: { 200: { description: 'The checks', ...json(VerifyReportSchema) } },
    }),
    (c) => verify(c, true),
  );

  app.openapi(
    securedRoute(policy, 'public', {
      method: 'post', path: '/api/public/exports/verify', tags: ['exports'], summary: 'The same verification for recipients without an account',
      request: { body: verifyBody },
      responses: { 200: { description: 'The checks', ...json(VerifyReportSchema) } },
    }),
    (c) => verify(c, false),
  );
}
