import crypto, { type KeyObject } from 'node:crypto';

/**
 * The logboek's hash chain, as pure functions (no I/O, no clock).
 *
 * Every entry's hash is SHA-256(prev_hash ‖ canonical JSON of its recorded fields), and each
 * entry names the hash of the entry before it, so changing, removing or reordering any entry
 * breaks the chain from that point on. Signed checkpoints over (seq, hash) catch a tail that
 * was cut off, and a chain that was rewritten from some entry onwards with fresh hashes.
 */

/** The prev_hash of entry #1. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields an entry's hash covers (the row without prev_hash and hash; subject parsed). */
export interface HashedFields {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string;
  actor_role: string | null;
  action: string;
  subject: Record<string, unknown>;
  reason: string | null;
  case_ref: string | null;
  ip: string | null;
}

/** An entry as stored: subject as canonical JSON text, plus the chain links. */
export interface StoredEntry extends Omit<HashedFields, 'subject'> {
  subject: string;
  prev_hash: string;
  hash: string;
}

export interface StoredCheckpoint {
  seq: number;
  hash: string;
  /** Ed25519 signature (base64) over checkpointMessage(seq, hash). */
  signature: string;
  key_id: string;
  at: string;
}

export type VerifyResult =
  | { ok: true; entries: number; headSeq: number; headHash: string; checkpoints: number }
  | { ok: false; seq: number; problem: string; entries: number; checkpoints: number };

/**
 * Deterministic JSON: object keys sorted (by UTF-16 code unit, Array.prototype.sort), no whitespace, undefined members left out (as
 * JSON.stringify does). Refuses values JSON cannot represent faithfully (NaN, Infinity, bigint).
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} has no JSON form`);
      return JSON.stringify(value);
    case 'object': {
      const withJson = value as { toJSON?: () => unknown };
      if (typeof withJson.toJSON === 'function') return canonicalJson(withJson.toJSON());
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      const record = value as Record<string, unknown>;
      const members = Object.keys(record)
        .sort()
        .filter((key) => record[key] !== undefined && typeof record[key] !== 'function')
        .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
      return `{${members.join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} has no JSON form`);
  }
}

/**
 * The canonical JSON of an entry's hashed fields, built from the stored subject text without
 * parsing it. Keys in sorted order: action, actor_id, actor_name, actor_role, at, case_ref, ip,
 * reason, seq, subject. Equals canonicalJson(fields) whenever the subject text is canonical,
 * which is how the application stores it; a non-canonical subject is itself a modification.
 */
function hashedText(e: Omit<StoredEntry, 'prev_hash' | 'hash'>): string {
  return (
    `{"action":${JSON.stringify(e.action)},"actor_id":${str(e.actor_id)},"actor_name":${JSON.stringify(e.actor_name)}` +
    `,"actor_role":${str(e.actor_role)},"at":${JSON.stringify(e.at)},"case_ref":${str(e.case_ref)},"ip":${str(e.ip)}` +
    `,"reason":${str(e.reason)},"seq":${e.seq},"subject":${e.subject}}`
  );
}

const str = (v: string | null): string => (v === null ? 'null' : JSON.stringify(v));

/** SHA-256 hex of prevHash ‖ canonicalJson(fields). */
export function entryHash(prevHash: string, f: HashedFields): string {
  const { seq, at, actor_id, actor_name, actor_role, action, subject, reason, case_ref, ip } = f; // exactly these, nothing else
  return sha256(prevHash, canonicalJson({ seq, at, actor_id, actor_name, actor_role, action, subject, reason, case_ref, ip }));
}

/** entryHash for a stored row, hashing its subject text as stored (the verifier's fast path). */
export function storedEntryHash(prevHash: string, entry: Omit<StoredEntry, 'prev_hash' | 'hash'>): string {
  return sha256(prevHash, hashedText(entry));
}

/** One-shot crypto.hash: for inputs this small it is markedly faster than createHash().update().digest(). */
function sha256(prevHash: string, text: string): string {
  return crypto.hash('sha256', prevHash + text, 'hex');
}

/** What a checkpoint signs. */
export function checkpointMessage(seq: number, hash: string): Buffer {
  return Buffer.from(`${seq}:${hash}`, 'utf8');
}

export function checkpointSignatureValid(publicKey: KeyObject, checkpoint: Pick<StoredCheckpoint, 'seq' | 'hash' | 'signature'>): boolean {
  try {
    return crypto.verify(null, checkpointMessage(checkpoint.seq, checkpoint.hash), publicKey, Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}

/**
 * Verifies a chain fed entry by entry in ascending seq order, so that the whole logboek never
 * has to sit in memory. Checkpoints are given up front (they are few) and checked as the chain
 * passes their seq; push() returns false once a problem is found, after which input is ignored.
 */
export class ChainVerifier {
  private readonly checkpoints: StoredCheckpoint[];
  private nextCheckpoint = 0;
  private lastSeq = 0;
  private lastHash = GENESIS_HASH;
  private count = 0;
  private failure: { seq: number; problem: string } | null = null;

  constructor(
    checkpoints: readonly StoredCheckpoint[],
    private readonly publicKeys: ReadonlyMap<string, KeyObject>,
  ) {
    this.checkpoints = [...checkpoints].sort((a, b) => a.seq - b.seq);
  }

  get failed(): boolean {
    return this.failure !== null;
  }

  push(entry: StoredEntry): boolean {
    if (this.failure) return false;
    const expected = this.lastSeq + 1;
    if (entry.seq !== expected) {
      return this.fail(
        expected,
        entry.seq > expected
          ? `entry #${expected} is missing: the chain jumps from #${this.lastSeq} to #${entry.seq} (entries deleted, renumbered or out of order)`
          : `entry #${entry.seq} appears where #${expected} belongs (reordered or duplicated entries)`,
      );
    }
    if (entry.prev_hash !== this.lastHash) {
      return this.fail(expected, `entry #${expected} does not link to entry #${this.lastSeq}: its prev_hash differs from that entry's hash (inserted, removed or reordered entries)`);
    }
    const hash = storedEntryHash(this.lastHash, entry);
    if (hash !== entry.hash) return this.fail(expected, contentProblem(entry));
    this.lastSeq = expected;
    this.lastHash = hash;
    this.count += 1;
    return this.passCheckpoints();
  }

  /** Ends verification: any checkpoint beyond the head means the tail was cut off. */
  finish(): VerifyResult {
    if (!this.failure) {
      const beyond = this.checkpoints[this.nextCheckpoint];
      if (beyond) {
        if (!this.signatureValid(beyond)) this.fail(beyond.seq, this.signatureProblem(beyond));
        else
          this.fail(
            this.lastSeq + 1,
            `the logboek ends at #${this.lastSeq} but checkpoint #${beyond.seq} (signed ${beyond.at}) covers up to #${beyond.seq}: entries #${this.lastSeq + 1}..#${beyond.seq} were removed (truncated)`,
          );
      }
    }
    const checkpoints = this.checkpoints.length;
    if (this.failure) return { ok: false, ...this.failure, entries: this.count, checkpoints };
    return { ok: true, entries: this.count, headSeq: this.lastSeq, headHash: this.lastHash, checkpoints };
  }

  private passCheckpoints(): boolean {
    for (let cp = this.checkpoints[this.nextCheckpoint]; cp && cp.seq <= this.lastSeq; cp = this.checkpoints[++this.nextCheckpoint]) {
      if (!this.signatureValid(cp)) return this.fail(cp.seq, this.signatureProblem(cp));
      if (cp.seq < this.lastSeq) return this.fail(cp.seq, `checkpoint #${cp.seq} lies outside the chain`);
      if (cp.hash !== this.lastHash) {
        return this.fail(cp.seq, `entry #${cp.seq} differs from checkpoint #${cp.seq} signed ${cp.at}: the chain up to here was rewritten`);
      }
    }
    return true;
  }

  private signatureValid(cp: StoredCheckpoint): boolean {
    const key = this.publicKeys.get(cp.key_id);
    return key !== undefined && checkpointSignatureValid(key, cp);
  }

  private signatureProblem(cp: StoredCheckpoint): string {
    return this.publicKeys.has(cp.key_id)
      ? `checkpoint #${cp.seq} (signed ${cp.at}) has an invalid signature: the checkpoint was forged or altered`
      : `checkpoint #${cp.seq} (signed ${cp.at}) is signed by unknown key ${cp.key_id.slice(0, 16)}…`;
  }

  private fail(seq: number, problem: string): false {
    this.failure = { seq, problem };
    return false;
  }
}

/** Explains a hash mismatch (off the fast path: only runs once, on failure). */
function contentProblem(entry: StoredEntry): string {
  try {
    const parsed: unknown = JSON.parse(entry.subject);
    if (canonicalJson(parsed) !== entry.subject) return `entry #${entry.seq} was modified: its subject is not in the form it was written in`;
  } catch {
    return `entry #${entry.seq} was modified: its subject is not valid JSON`;
  }
  return `entry #${entry.seq} was modified: its contents do not match its hash`;
}

/** Verifies a whole chain held in memory (entries in ascending seq order). */
export function verifyChain(
  entries: Iterable<StoredEntry>,
  checkpoints: readonly StoredCheckpoint[],
  publicKeys: ReadonlyMap<string, KeyObject>,
): VerifyResult {
  const verifier = new ChainVerifier(checkpoints, publicKeys);
  for (const entry of entries) if (!verifier.push(entry)) break;
  return verifier.finish();
}
