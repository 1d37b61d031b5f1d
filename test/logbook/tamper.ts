import type SQLite from 'better-sqlite3';
import fc from 'fast-check';
import { GENESIS_HASH, storedEntryHash, type StoredEntry } from '../../src/logbook/logbook.js';

/**
 * One tampering, done straight in a SQLite logboek file with its own connection, as someone
 * with access to the file (not the application) would.
 */
export type Tamper =
  | { kind: 'edit'; seq: number; field: (typeof editable)[number]; value: string | null }
  | { kind: 'renumber'; seq: number; to: number }
  | { kind: 'delete'; seq: number }
  | { kind: 'forge'; seq: number } // a forged entry at seq, correctly hashed and linked; later entries renumbered
  | { kind: 'swap'; a: number; b: number } // two entries exchange their seq
  | { kind: 'truncate'; count: number } // the last `count` entries removed
  | { kind: 'rewrite'; seq: number }; // entry changed and every hash from there on recomputed

const editable = ['at', 'actor_id', 'actor_name', 'actor_role', 'action', 'subject', 'reason', 'case_ref', 'ip', 'prev_hash', 'hash'] as const;
const notNull = new Set(['at', 'actor_name', 'action', 'subject', 'prev_hash', 'hash']);

export function tamperArbitrary(n: number): fc.Arbitrary<Tamper> {
  const seq = fc.integer({ min: 1, max: n });
  return fc.oneof(
    fc.record({ kind: fc.constant('edit' as const), seq, field: fc.constantFrom(...editable), value: fc.option(fc.string({ maxLength: 10 }), { nil: null }) }),
    fc.record({ kind: fc.constant('renumber' as const), seq, to: fc.integer({ min: n + 1, max: n + 1000 }) }),
    fc.record({ kind: fc.constant('delete' as const), seq }),
    fc.record({ kind: fc.constant('forge' as const), seq }),
    fc.uniqueArray(seq, { minLength: 2, maxLength: 2 }).map(([x, y]) => ({ kind: 'swap' as const, a: Math.min(x!, y!), b: Math.max(x!, y!) })),
    fc.record({ kind: fc.constant('truncate' as const), count: seq }),
    fc.record({ kind: fc.constant('rewrite' as const), seq }),
  );
}

/** The seq the verifier must name, given n entries and checkpoints at the given seqs (always one at n). */
export function expectedBreak(t: Tamper, n: number, checkpointSeqs: number[]): number {
  switch (t.kind) {
    case 'edit':
    case 'renumber':
    case 'delete':
      return t.seq;
    case 'forge': // caught by a checkpoint over the displaced entry, else by the next entry's link
      return checkpointSeqs.includes(t.seq) ? t.seq : t.seq + 1;
    case 'swap':
      return t.a;
    case 'truncate':
      return n - t.count + 1;
    case 'rewrite': // a consistent chain again: only the first checkpoint at or after it can tell
      return Math.min(...checkpointSeqs.filter((s) => s >= t.seq));
  }
}

export function applyTamper(raw: SQLite.Database, t: Tamper): void {
  const row = (seq: number) => raw.prepare('SELECT * FROM logbook_entries WHERE seq = ?').get(seq) as StoredEntry;
  switch (t.kind) {
    case 'edit': {
      const current = row(t.seq)[t.field];
      let value = t.value === null && notNull.has(t.field) ? '' : t.value;
      if (value === current) value = `${current ?? ''}x`;
      raw.prepare(`UPDATE logbook_entries SET ${t.field} = ? WHERE seq = ?`).run(value, t.seq);
      return;
    }
    case 'renumber':
      raw.prepare('UPDATE logbook_entries SET seq = ? WHERE seq = ?').run(t.to, t.seq);
      return;
    case 'delete':
      raw.prepare('DELETE FROM logbook_entries WHERE seq = ?').run(t.seq);
      return;
    case 'forge': {
      const prevHash = t.seq === 1 ? GENESIS_HASH : row(t.seq - 1).hash;
      const forged = { ...row(t.seq), action: 'footage.export', reason: 'forged', prev_hash: prevHash };
      raw.prepare('UPDATE logbook_entries SET seq = -seq WHERE seq >= ?').run(t.seq);
      raw.prepare('UPDATE logbook_entries SET seq = 1 - seq WHERE seq < 0').run();
      raw.prepare('INSERT INTO logbook_entries VALUES (@seq, @at, @actor_id, @actor_name, @actor_role, @action, @subject, @reason, @case_ref, @ip, @prev_hash, @hash)')
        .run({ ...forged, hash: storedEntryHash(prevHash, forged) });
      return;
    }
    case 'swap':
      raw.prepare('UPDATE logbook_entries SET seq = -1 WHERE seq = ?').run(t.a);
      raw.prepare('UPDATE logbook_entries SET seq = ? WHERE seq = ?').run(t.a, t.b);
      raw.prepare('UPDATE logbook_entries SET seq = ? WHERE seq = -1').run(t.b);
      return;
    case 'truncate':
      raw.prepare('DELETE FROM logbook_entries WHERE seq > (SELECT max(seq) FROM logbook_entries) - ?').run(t.count);
      return;
    case 'rewrite': {
      raw.prepare("UPDATE logbook_entries SET reason = 'rewritten: ' || coalesce(reason, '') WHERE seq = ?").run(t.seq);
      let prevHash = t.seq === 1 ? GENESIS_HASH : row(t.seq - 1).hash;
      const rows = raw.prepare('SELECT * FROM logbook_entries WHERE seq >= ? ORDER BY seq').all(t.seq) as StoredEntry[];
      const relink = raw.prepare('UPDATE logbook_entries SET prev_hash = ?, hash = ? WHERE seq = ?');
      for (const r of rows) {
        const hash = storedEntryHash(prevHash, r);
        relink.run(prevHash, hash, r.seq);
        prevHash = hash;
      }
      return;
    }
  }
}
