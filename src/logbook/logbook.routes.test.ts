import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/databases.js';
import type { ResolvedSession } from '../auth/auth.service.js';
import type { AppEnv } from '../auth/guard.js';
import { builtinPolicy, type Actor } from '../auth/policy.js';
import type { Role } from '../auth/roles.js';
import { ManualClock } from '../platform/clock.js';
import { createHttpApp } from '../platform/http/app.js';
import { createLogger } from '../platform/logger.js';
import { CheckpointKey } from './checkpoint-key.js';
import { registerLogbookRoutes } from './logbook.routes.js';
import { Logbook } from './logbook.service.js';

/** HTTP tests in-process: a header stands in for the session middleware. */
function buildApp(logbook: Logbook) {
  const app = createHttpApp<AppEnv>(createLogger('silent'));
  app.use('*', async (c, next) => {
    const role = c.req.header('x-test-role') as Role | undefined;
    const actor: Actor | null = role ? { id: `id-${role}`, username: `${role}-user`, displayName: role, role } : null;
    c.set('actor', actor);
    // Only the fields the guard reads; the rest of a session does not matter to these routes.
    c.set('session', actor ? ({ sessionId: 's', csrfToken: 't', actor, mfaPassed: true, stage: 'ok' } as unknown as ResolvedSession) : null);
    await next();
  });
  registerLogbookRoutes(app, { logbook, policy: builtinPolicy });
  return app;
}

describe('logbook routes', () => {
  let database: TestDatabase;
  let logbook: Logbook;
  let app: ReturnType<typeof buildApp>;
  const get = (path: string, role?: Role, headers: Record<string, string> = {}) =>
    app.request(path, { headers: { ...(role ? { 'x-test-role': role } : {}), ...headers } });

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    logbook = new Logbook(database.db, new ManualClock('2026-01-05T09:00:00Z'), CheckpointKey.generate());
    app = buildApp(logbook);
    for (let i = 1; i <= 5; i++) {
      await logbook.record({ actor: { id: 'u1', name: 'jan', role: 'beheerder' }, action: 'footage.view', subject: { cameras: [`cam-${i}`] }, reason: '=1+1', caseRef: `INC-${i}` });
    }
  });
  afterAll(() => database.drop());

  it('lists entries newest first in camelCase, pages, and records the read', async () => {
    const res = await get('/api/logbook?limit=2&action=footage', 'auditor', { 'x-forwarded-for': '192.0.2.1, 10.0.0.1' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { entries: { seq: number; caseRef: string; actorName: string }[]; nextBefore: number | null };
    expect(body.entries.map((e) => e.seq)).toEqual([5, 4]);
    expect(body.entries[0]).toMatchObject({ caseRef: 'INC-5', actorName: 'jan' });
    expect(body.nextBefore).toBe(4);
    const read = (await logbook.query({ limit: 1 })).entries[0]!;
    expect(read).toMatchObject({
      seq: 6, action: 'logbook.read', actorId: 'id-auditor', actorName: 'auditor-user', actorRole: 'auditor', ip: '192.0.2.1',
      subject: { action: 'footage', limit: 2 },
    });
  });

  it('validates the filters', async () => {
    for (const query of ['limit=0', 'limit=501', 'from=yesterday', 'before=x']) {
      const res = await get(`/api/logbook?${query}`, 'auditor');
      expect(res.status, query).toBe(400);
    }
  });

  it('refuses roles without the right, naming the rule, and anonymous callers', async () => {
    const denied = await get('/api/logbook', 'beheerder');
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ rule: 'X-1' });
    expect((await get('/api/logbook/export.csv', 'admin')).status).toBe(403);
    expect((await get('/api/logbook/verify', 'police')).status).toBe(403);
    expect((await get('/api/logbook')).status).toBe(401);
  });

  it('exports matching entries as an attachment, formula-safe, and records the export', async () => {
    const res = await get('/api/logbook/export.csv?case=INC-2', 'privacy_officer');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const exported = (await logbook.query({ limit: 1 })).entries[0]!;
    expect(exported).toMatchObject({ action: 'logbook.export', actorRole: 'privacy_officer', subject: { case: 'INC-2', limit: 50000 } });
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="logboek-export-${exported.seq}.csv"`);
    const lines = (await res.text()).split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^2,.*,'=1\+1,INC-2,/);
  });

  it('verifies the chain', async () => {
    const res = await get('/api/logbook/verify', 'admin');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, entries: 7, headSeq: 7, checkpoints: 0 });
  });

  it('reports a broken chain with the place', async () => {
    const sqlite = (await import('better-sqlite3')).default;
    const raw = new sqlite(database.file!);
    raw.prepare("UPDATE logbook_entries SET reason = 'nothing to see' WHERE seq = 3").run();
    raw.close();
    const body = await (await get('/api/logbook/verify', 'auditor')).json();
    expect(body).toMatchObject({ ok: false, entries: 2, headSeq: null, problem: { seq: 3, message: expect.stringMatching(/#3 was modified/) } });
  });
});
