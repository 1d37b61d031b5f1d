import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../../test/support/databases.js';
import { ManualClock } from '../platform/clock.js';
import { CheckpointKey } from './checkpoint-key.js';
import { GENESIS_HASH } from './logbook.js';
import { Logbook, type AppendInput } from './logbook.service.js';

const jan = { id: 'u-jan', name: 'jan', role: 'beheerder' };
const piet = { id: 'u-piet', name: 'piet', role: 'privacy_officer' };

describe.each(dialects)('Logbook on %s', (dialect) => {
  let database: TestDatabase;
  let clock: ManualClock;
  let logbook: Logbook;
  const append = (input: Partial<AppendInput> = {}) => {
    clock.advance(1000);
    return logbook.append(database.db, { actor: jan, action: 'footage.view', subject: {}, ...input });
  };

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    clock = new ManualClock('2026-01-05T09:00:00Z');
    logbook = new Logbook(database.db, clock, CheckpointKey.generate());
  });
  afterAll(async () => {
    await logbook.stop();
    // pg's pool.end() resolves before its sockets have closed, and an idle client killed by
    // DROP DATABASE … WITH (FORCE) then raises an error on a pool nobody listens to: let them close.
    await database.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await database.drop();
  });

  it('starts empty, verifies, and writes no checkpoint for nothing', async () => {
    expect(await logbook.verify()).toMatchObject({ ok: true, entries: 0, headSeq: 0 });
    expect(await logbook.writeCheckpoint()).toBeNull();
  });

  it('appends entries with gap-free seq, chained hashes, clock time, canonical subject, no secrets', async () => {
    const first = await append({ subject: { to: '2026-01-04T10:05:00Z', cameras: ['cam-1'], password: 'geheim', nested: { totp: '123456', ok: 1 } }, reason: 'incident', caseRef: 'INC-1', ip: '10.0.0.7' });
    expect(first.seq).toBe(1);
    const page = await logbook.query({ limit: 10 });
    expect(page.entries).toHaveLength(1);
    expect(page.entries[0]).toEqual({
      seq: 1, at: '2026-01-05T09:00:01.000Z', actorId: 'u-jan', actorName: 'jan', actorRole: 'beheerder', action: 'footage.view',
      subject: { cameras: ['cam-1'], nested: { ok: 1 }, to: '2026-01-04T10:05:00Z' }, reason: 'incident', caseRef: 'INC-1', ip: '10.0.0.7',
      prevHash: GENESIS_HASH, hash: first.hash,
    });
    const raw = await database.db.selectFrom('logbook_entries').select('subject').executeTakeFirstOrThrow();
    expect(raw.subject).toBe('{"cameras":["cam-1"],"nested":{"ok":1},"to":"2026-01-04T10:05:00Z"}');
    const second = await append({ actor: { id: null, name: 'system', role: null }, action: 'retention.sweep' });
    expect(second.seq).toBe(2);
    expect((await logbook.query({ limit: 1 })).entries[0]!.prevHash).toBe(first.hash);
  });

  it('commits and rolls back with the caller\'s transaction', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await logbook.append(trx, { actor: jan, action: 'user.changed', subject: { userId: 'x' } });
        throw new Error('the recorded action failed');
      }),
    ).rejects.toThrow('the recorded action failed');
    const inside = await database.db.transaction().execute((trx) => logbook.append(trx, { actor: jan, action: 'user.changed', subject: {} }));
    expect(inside.seq).toBe(3);
  });

  it('refuses an entry without action, actor or object subject', async () => {
    await expect(logbook.append(database.db, { actor: jan, action: '', subject: {} })).rejects.toMatchObject({ code: 'logbook_action_required' });
    await expect(logbook.append(database.db, { actor: { ...jan, name: '' }, action: 'x', subject: {} })).rejects.toMatchObject({ code: 'logbook_actor_required' });
    await expect(logbook.append(database.db, { actor: jan, action: 'x', subject: [] as unknown as Record<string, unknown> })).rejects.toMatchObject({ code: 'logbook_subject_object' });
  });

  it('signs checkpoints over the head, skipping when nothing is new', async () => {
    const checkpoint = await logbook.writeCheckpoint();
    expect(checkpoint).toMatchObject({ seq: 3 });
    expect(await logbook.writeCheckpoint()).toBeNull();
    expect(await logbook.verify()).toMatchObject({ ok: true, entries: 3, headSeq: 3, checkpoints: 1 });
  });

  it('serialises concurrent appends from separate transactions: gap-free and verifying', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => logbook.append(database.db, { actor: piet, action: 'footage.playback', subject: { cameras: [`cam-${i}`] } })),
    );
    expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 4));
    expect(await logbook.verify()).toMatchObject({ ok: true, entries: 53, headSeq: 53 });
  });

  it('queries by actor, action (prefix), camera, case and period, newest first, page by page', async () => {
    const seqs = async (filter: Parameters<Logbook['query']>[0]) => (await logbook.query(filter)).entries.map((e) => e.seq);
    expect(await seqs({ actor: 'u-jan', limit: 100 })).toEqual([3, 1]);
    expect(await seqs({ actor: 'system', limit: 100 })).toEqual([2]);
    expect(await seqs({ action: 'footage', limit: 3 })).toEqual([53, 52, 51]);
    expect(await seqs({ action: 'footage.view', limit: 100 })).toEqual([1]);
    expect(await seqs({ action: 'footag', limit: 100 })).toEqual([]);
    const cam1 = await logbook.query({ camera: 'cam-1', limit: 100 }); // not cam-10 … cam-19
    expect(cam1.entries.map((e) => e.subject.cameras)).toEqual([['cam-1'], ['cam-1']]);
    expect(await seqs({ caseRef: 'INC-1', limit: 100 })).toEqual([1]);
    expect(await seqs({ to: '2026-01-05T09:00:01.999Z', limit: 100 })).toEqual([1]);
    expect(await seqs({ from: '2026-01-05T10:00:01+01:00', to: '2026-01-05T09:00:01Z', limit: 100 })).toEqual([1]);
    expect(await seqs({ from: '2026-01-05T09:00:01.001Z', action: 'retention', limit: 100 })).toEqual([2]);
    const first = await logbook.query({ limit: 20 });
    expect(first.entries).toHaveLength(20);
    expect(first.nextBefore).toBe(34);
    const last = await logbook.query({ limit: 40, before: 34 });
    expect(last.entries.map((e) => e.seq)).toEqual(Array.from({ length: 33 }, (_, i) => 33 - i));
    expect(last.nextBefore).toBeNull();
    await expect(logbook.query({ from: 'yesterday', limit: 1 })).rejects.toMatchObject({ code: 'logbook_bad_instant' });
  });

  it('exports CSV with a header row', async () => {
    const csv = logbook.toCsv((await logbook.query({ caseRef: 'INC-1', limit: 10 })).entries);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('seq,at,actor_id,actor_name,actor_role,action,subject,reason,case_ref,ip,prev_hash,hash');
    expect(lines[1]).toMatch(/^1,2026-01-05T09:00:01.000Z,u-jan,jan,beheerder,footage.view,"\{""cameras"":\[""cam-1""\]/);
  });

  it('writes checkpoints on a timer and a last one on stop', async () => {
    logbook.startCheckpointTimer(0.02);
    await append();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await logbook.verify()).toMatchObject({ ok: true, headSeq: 54, checkpoints: 2 });
    await append();
    await logbook.stop();
    expect(await logbook.verify()).toMatchObject({ ok: true, headSeq: 55, checkpoints: 3 });
  });

  it('keeps one chain when several processes or nodes append (each with its own guess of the head)', async () => {
    const key = CheckpointKey.generate();
    const nodes = [new Logbook(database.db, clock, key), new Logbook(database.db, clock, key), logbook];
    for (let round = 0; round < 3; round++) {
      for (const node of nodes) await node.append(database.db, { actor: piet, action: 'node.tick', subject: { round } });
      await Promise.all(nodes.flatMap((node) => [1, 2, 3].map(() => node.append(database.db, { actor: piet, action: 'node.burst', subject: { round } }))));
    }
    // A guess left by a rolled-back transaction, with another node's entry now at that seq.
    const [first, second] = nodes as [Logbook, Logbook];
    await expect(
      database.db.transaction().execute(async (trx) => {
        await first.append(trx, { actor: piet, action: 'node.undone', subject: {} });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await second.append(database.db, { actor: piet, action: 'node.other', subject: {} });
    expect(await first.append(database.db, { actor: piet, action: 'node.after', subject: {} })).toMatchObject({ seq: 55 + 38 });
    expect(await logbook.verify()).toMatchObject({ ok: true, entries: 55 + 38, headSeq: 55 + 38 });
    expect((await logbook.query({ action: 'node', limit: 100 })).entries).toHaveLength(38);
  });
});
