import type { Generated, Selectable } from 'kysely';

/** One logboek entry. Rows are only ever inserted; PostgreSQL rejects UPDATE/DELETE/TRUNCATE by trigger. */
export interface LogbookEntryTable {
  seq: number;
  /** ISO-8601 UTC with milliseconds. */
  at: string;
  actor_id: string | null;
  actor_name: string;
  actor_role: string | null;
  action: string;
  /** Canonical JSON of the subject (cameras + time range, case, user, …). */
  subject: string;
  reason: string | null;
  case_ref: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

/** Signed checkpoints over the head of the chain: a cut-off tail is detected against the last one. */
export interface LogbookCheckpointTable {
  id: Generated<number>;
  at: string;
  seq: number;
  hash: string;
  /** Ed25519 signature (base64) over "seq:hash". */
  signature: string;
  /** SHA-256 fingerprint of the public key that signed. */
  key_id: string;
}

export type LogbookEntryRow = Selectable<LogbookEntryTable>;
export type LogbookCheckpointRow = Selectable<LogbookCheckpointTable>;
