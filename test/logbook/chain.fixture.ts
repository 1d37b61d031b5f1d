import { CheckpointKey } from '../../src/logbook/checkpoint-key.js';
import { canonicalJson, GENESIS_HASH, entryHash, type HashedFields, type StoredCheckpoint, type StoredEntry } from '../../src/logbook/logbook.js';

/** Test helpers: valid chains built in memory, for the pure verifier's tests. */

export function fieldsFor(seq: number): Omit<HashedFields, 'seq'> {
  return {
    at: new Date(Date.UTC(2026, 0, 5, 9, 0, seq)).toISOString(),
    actor_id: seq % 3 === 0 ? null : `user-${seq % 4}`,
    actor_name: seq % 3 === 0 ? 'system' : `gebruiker ${seq % 4}`,
    actor_role: seq % 3 === 0 ? null : 'beheerder',
    action: seq % 2 === 0 ? 'footage.view' : 'auth.login',
    subject: { cameras: [`cam-${seq % 5}`], from: '2026-01-04T10:00:00Z', to: '2026-01-04T10:05:00Z', nested: { n: seq } },
    reason: seq % 2 === 0 ? `incident ${seq}` : null,
    case_ref: seq % 2 === 0 ? `INC-${seq}` : null,
    ip: seq % 5 === 0 ? null : '10.0.0.7',
  };
}

/** Links entries (given without prev_hash/hash) into a chain, recomputing every hash from `from` on. */
export function relink(entries: StoredEntry[], from = 0): StoredEntry[] {
  let prev = from === 0 ? GENESIS_HASH : entries[from - 1]!.hash;
  for (let i = from; i < entries.length; i++) {
    const e = entries[i]!;
    e.prev_hash = prev;
    e.hash = entryHash(prev, { ...e, subject: JSON.parse(e.subject) as Record<string, unknown> });
    prev = e.hash;
  }
  return entries;
}

export function buildChain(n: number): StoredEntry[] {
  const entries: StoredEntry[] = [];
  for (let seq = 1; seq <= n; seq++) {
    const f = fieldsFor(seq);
    entries.push({ ...f, seq, subject: canonicalJson(f.subject), prev_hash: '', hash: '' });
  }
  return relink(entries);
}

export function checkpointAt(key: CheckpointKey, entries: readonly StoredEntry[], seq: number): StoredCheckpoint {
  const hash = entries[seq - 1]!.hash;
  return { seq, hash, signature: key.sign(seq, hash), key_id: key.keyId, at: `2026-01-05T10:00:${String(seq % 60).padStart(2, '0')}.000Z` };
}
