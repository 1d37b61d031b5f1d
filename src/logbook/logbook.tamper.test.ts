import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/databases.js';
import { applyTamper, expectedBreak, tamperArbitrary } from '../../test/logbook/tamper.js';
import { ManualClock } from '../platform/clock.js';
import { CheckpointKey } from './checkpoint-key.js';
import { runLogbookVerify } from './logbook.cli.js';
import { Logbook, type AppendInput } from './logbook.service.js';

/**
 * INV-4: any edit, deletion, insertion, reordering or truncation done behind the application's
 * back (straight in the database) is found by `toezicht logbook verify`, which names the entry.
 */

async function verifyCommand(opts: { dataDir: string; databaseUrl?: string }): Promise<{ status: number; line: string }> {
  const lines: string[] = [];
  const status = await runLogbookVerify({ ...opts, out: (line) => lines.push(line) });
  expect(lines).toHaveLength(1);
  return { status, line: lines[0]! };
}

const nullable = fc.option(fc.string({ maxLength: 12 }), { nil: null });
type LogEntry = Omit<AppendInput, 'actor'> & { actorName: string; actorId: string | null };
const entryArbitrary: fc.Arbitrary<LogEntry> = fc.record({
  actorId: nullable,
  actorName: fc.string({ minLength: 1, maxLength: 12 }),
  action: fc.constantFrom('footage.view', 'footage.playback', 'auth.login', 'export.created', 'hold.placed'),
  subject: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  reason: nullable,
  caseRef: nullable,
  ip: nullable,
});

/** A logboek of the given entries with checkpoints after the given positions and always at the head. */
async function buildLog(database: TestDatabase, dataDir: string, entries: LogEntry[], checkpointsAfter: number[]) {
  const clock = new ManualClock('2026-01-05T09:00:00Z');
  const logbook = new Logbook(database.db, clock, CheckpointKey.loadOrCreate(dataDir));
  for (const [i, e] of entries.entries()) {
    clock.advance(1500);
    await logbook.record({ ...e, actor: { id: e.actorId, name: e.actorName, role: e.actorId ? 'beheerder' : null } });
    if (checkpointsAfter.includes(i + 1)) await logbook.writeCheckpoint();
  }
  await logbook.stop();
  return (await database.db.selectFrom('logbook_checkpoints').select('seq').execute()).map((c) => c.seq);
}

describe('tampering with the SQLite file behind the application\'s back (property)', () => {
  it('is always detected, at the right entry; the untouched log verifies', async () => {
    const scenario = fc
      .array(entryArbitrary, { minLength: 2, maxLength: 16 })
      .chain((entries) =>
        fc.record({
          entries: fc.constant(entries),
          checkpointsAfter: fc.subarray(entries.map((_, i) => i + 1)),
          tamper: tamperArbitrary(entries.length),
        }),
      );
    await fc.assert(
      fc.asyncProperty(scenario, async ({ entries, checkpointsAfter, tamper }) => {
        const database = await createTestDatabase('sqlite');
        try {
          const dataDir = path.dirname(database.file!);
          const checkpointSeqs = await buildLog(database, dataDir, entries, checkpointsAfter);
          const intact = await verifyCommand({ dataDir });
          expect(intact.status, intact.line).toBe(0);
          expect(intact.line).toMatch(new RegExp(`^logboek intact: ${entries.length} entries, head #${entries.length} [0-9a-f]{16}, ${checkpointSeqs.length} checkpoints?$`));

          const raw = new SQLite(database.file!);
          try {
            applyTamper(raw, tamper);
          } finally {
            raw.close();
          }
          const broken = await verifyCommand({ dataDir });
          expect(broken.status, broken.line).toBe(1);
          expect(broken.line).toMatch(new RegExp(`^logboek BROKEN at #${expectedBreak(tamper, entries.length, checkpointSeqs)}: `));
        } finally {
          await database.drop();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('says when it cannot verify at all', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-empty-'));
    expect(await verifyCommand({ dataDir })).toEqual({ status: 2, line: `logboek cannot be verified: no database in ${dataDir}` });
    expect(fs.readdirSync(dataDir)).toEqual([]);
    fs.rmSync(dataDir, { recursive: true });
  });

  it('reports checkpoints it has no key for', async () => {
    const database = await createTestDatabase('sqlite');
    const dataDir = path.dirname(database.file!);
    await buildLog(database, dataDir, [{ actorId: null, actorName: 'system', action: 'auth.login', subject: {}, reason: null, caseRef: null, ip: null }], []);
    fs.rmSync(path.join(dataDir, 'keys'), { recursive: true });
    expect((await verifyCommand({ dataDir })).line).toMatch(/^logboek BROKEN at #1: checkpoint #1 .* signed by unknown key/);
    await database.drop();
  });
});

describe('PostgreSQL', () => {
  let database: TestDatabase;
  let dataDir: string;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-pg-keys-'));
    const entries = Array.from({ length: 10 }, (_, i) => ({ actorId: `u${i}`, actorName: `user ${i}`, action: 'footage.view', subject: { cameras: [`cam-${i}`] }, reason: 'incident', caseRef: `INC-${i}`, ip: null }));
    await buildLog(database, dataDir, entries, [5]);
  });
  afterAll(async () => {
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it.each([
    ['UPDATE', sql`UPDATE logbook_entries SET reason = 'changed' WHERE seq = 3`],
    ['DELETE', sql`DELETE FROM logbook_entries WHERE seq = 10`],
    ['TRUNCATE', sql`TRUNCATE logbook_entries`],
    ['UPDATE of a checkpoint', sql`UPDATE logbook_checkpoints SET seq = 1`],
    ['DELETE of a checkpoint', sql`DELETE FROM logbook_checkpoints`],
  ])('refuses a raw %s by trigger', async (_name, statement) => {
    await expect(statement.execute(database.db)).rejects.toThrow(/logboek is append-only/);
    expect(await verifyCommand({ dataDir, databaseUrl: database.url })).toMatchObject({ status: 0 });
  });

  it('detects tampering done by a superuser who disabled the triggers', async () => {
    await sql`ALTER TABLE logbook_entries DISABLE TRIGGER USER`.execute(database.db);
    await sql`UPDATE logbook_entries SET actor_name = 'iemand anders' WHERE seq = 4`.execute(database.db);
    expect(await verifyCommand({ dataDir, databaseUrl: database.url })).toEqual({
      status: 1,
      line: 'logboek BROKEN at #4: entry #4 was modified: its contents do not match its hash',
    });
    await sql`UPDATE logbook_entries SET actor_name = 'user 3' WHERE seq = 4`.execute(database.db);
    expect((await verifyCommand({ dataDir, databaseUrl: database.url })).status).toBe(0);
    await sql`DELETE FROM logbook_entries WHERE seq > 7`.execute(database.db);
    expect((await verifyCommand({ dataDir, databaseUrl: database.url })).line).toMatch(/^logboek BROKEN at #8: the logboek ends at #7 but checkpoint #10/);
  });
});
