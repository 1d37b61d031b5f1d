import type { Context } from 'hono';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import { securedRoute, type AppEnv } from '../auth/guard.js';
import type { Policy } from '../auth/policy.js';
import { LogbookExportQuery, LogbookPageSchema, LogbookQuery, LogbookVerifySchema } from './logbook.schema.js';
import type { AppendInput, Logbook, LogbookFilter } from './logbook.service.js';

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

type FilterQuery = z.infer<typeof LogbookQuery>;

function filterOf(q: FilterQuery): LogbookFilter {
  return { actor: q.actor, action: q.action, camera: q.camera, caseRef: q.case, from: q.from, to: q.to, before: q.before, limit: q.limit };
}

/** Who is reading, for the entry that records the read (the guard has ensured an actor). */
function readerOf(c: Context<AppEnv>): Pick<AppendInput, 'actor' | 'ip'> {
  const actor = c.get('actor')!;
  return { actor: { id: actor.id, name: actor.username, role: actor.role }, ip: clientIp(c) };
}

function clientIp(c: Context<AppEnv>): string | null {
  const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
  if (forwarded) return forwarded;
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? null;
}

/**
 * The logboek's HTTP API. Reading and exporting the logboek are themselves recorded in it
 * (X-1, confidential), and the entry is written before anything is disclosed.
 */
export function registerLogbookRoutes(app: OpenAPIHono<AppEnv>, deps: { logbook: Logbook; policy: Policy }) {
  const { logbook, policy } = deps;

  app.openapi(
    securedRoute(policy, { action: 'logbook.read' }, {
      method: 'get', path: '/api/logbook', tags: ['logbook'], summary: 'Search the logboek, newest first',
      request: { query: LogbookQuery },
      responses: { 200: { description: 'One page of entries', ...json(LogbookPageSchema) } },
    }),
    async (c) => {
      const query = c.req.valid('query');
      await logbook.record({ ...readerOf(c), action: 'logbook.read', subject: { ...query } });
      return c.json(await logbook.query(filterOf(query)), 200);
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'logbook.export' }, {
      method: 'get', path: '/api/logbook/export.csv', tags: ['logbook'], summary: 'Export matching entries as CSV',
      request: { query: LogbookExportQuery },
      responses: { 200: { description: 'CSV (RFC 4180), newest first', content: { 'text/csv': { schema: z.string() } } } },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const recorded = await logbook.record({ ...readerOf(c), action: 'logbook.export', subject: { ...query } });
      const page = await logbook.query(filterOf(query));
      const headers: Record<string, string> = {
        'content-type': 'text/csv; charset=utf-8',
        // Named after the entry that records this export, so the file can be traced back to it.
        'content-disposition': `attachment; filename="logboek-export-${recorded.seq}.csv"`,
        'cache-control': 'no-store',
      };
      // More entries match than one export holds: say where the next export starts.
      if (page.nextBefore !== null) headers['x-next-before'] = String(page.nextBefore);
      return c.body(logbook.toCsv(page.entries), 200, headers);
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'logbook.verify' }, {
      method: 'get', path: '/api/logbook/verify', tags: ['logbook'], summary: 'Recompute the hash chain and check the signed checkpoints',
      responses: { 200: { description: 'Verification result', ...json(LogbookVerifySchema) } },
    }),
    async (c) => {
      const result = await logbook.verify();
      return c.json(
        result.ok
          ? { ok: true, entries: result.entries, headSeq: result.headSeq, headHash: result.headHash, checkpoints: result.checkpoints }
          : { ok: false, entries: result.entries, headSeq: null, headHash: null, checkpoints: result.checkpoints, problem: { seq: result.seq, message: result.problem } },
        200,
      );
    },
  );
}
