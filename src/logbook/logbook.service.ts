import type { KeyObject } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { Schema } from '../platform/db/schema.js';
import { invalid } from '../platform/errors.js';
import type { CheckpointKey } from './checkpoint-key.js';
import { entriesToCsv } from './logbook.csv.js';
import { canonicalJson, ChainVerifier, GENESIS_HASH, storedEntryHash, type VerifyResult } from './logbook.js';
import { toLogbookEntry, withoutSecrets, type LogbookEntry } from './logbook.entry.js';
import { LogbookRepository, type LogbookFilter } from './logbook.repository.js';
import type { LogbookCheckpointRow, LogbookEntryRow } from './logbook.table.js';

const maxAppendAttempts = 1000;

export type { LogbookFilter };

export interface AppendInput {
  actor: { id: string | null; name: string; role: string | null };
  action: string;
  subject: Record<string, unknown>;
  reason?: string | null;
  caseRef?: string | null;
  ip?: string | null;
}

export interface LogbookPage {
  entries: LogbookEntry[];
  /** Pass as `before` to get the next (older) page; null when this was the last one. */
  nextBefore: number | null;
}

/**
 * The logboek: appends hash-chained entries, signs checkpoints over the head, reads, exports
 * and verifies. Other features call append() inside the transaction of the action they record,
 * so the action and its entry commit (or roll back) together.
 */
export class Logbook {
  private readonly repository: LogbookRepository;
  private timer: NodeJS.Timeout | null = null;
  /** The last entry this process appended (committed: known to be): the guess for the next append's predecessor. */
  private lastHead: { seq: number; hash: string; committed: boolean } | null = null;
  /** Checkpoint writes run one at a time within this process. */
  private checkpointing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Kysely<Schema>,
    private readonly clock: Clock,
    private readonly key: CheckpointKey,
  ) {
    this.repository = new LogbookRepository(db);
  }

  /**
   * Appends one entry. Pass the caller's transaction; with a plain Kysely instance the entry
   * gets a transaction of its own. The new entry (its seq) stays locked until the transaction
   * ends and the next append waits for it, so record the entry late in a long transaction.
   * Expects READ COMMITTED (the default) on PostgreSQL.
   */
  async append(executor: Kysely<Schema> | Transaction<Schema>, input: AppendInput): Promise<{ seq: number; hash: string }> {
    if (!input.action) throw invalid('logbook_action_required', 'A logboek entry needs an action', 'action');
    if (!input.actor.name) throw invalid('logbook_actor_required', 'A logboek entry needs an actor name', 'actor');
    const subject = canonicalJson(withoutSecrets(input.subject));
    if (!subject.startsWith('{')) throw invalid('logbook_subject_object', 'A logboek subject is an object', 'subject');
    if (executor.isTransaction) {
      const appended = await this.appendIn(executor, input, subject);
      this.remember({ ...appended, committed: false });
      return appended;
    }
    const appended = await executor.transaction().execute((trx) => this.appendIn(trx, input, subject));
    this.remember({ ...appended, committed: true });
    return appended;
  }

  /** Appends an entry in a transaction of its own, for actions that write nothing else (reading the logboek). */
  record(input: AppendInput): Promise<{ seq: number; hash: string }> {
    return this.append(this.db, input);
  }

  /**
   * Writes the entry after the last head this process saw, in one statement like a plain
   * insert. A committed guess is safe as it is (entries never change; the seq key refuses a
   * taken seq); a guess from a transaction that may have rolled back is checked by the insert.
   * When the guess is stale (another process or node appended) or a concurrent append took
   * the seq first, take the append lock, read the real head and try again. Entry n+1 is thus
   * only ever written after the entry n whose hash it carries, and seq stays gap-free.
   */
  private async appendIn(trx: Kysely<Schema>, input: AppendInput, subject: string): Promise<{ seq: number; hash: string }> {
    let guess = this.lastHead;
    let locked = false;
    for (let attempt = 0; attempt < maxAppendAttempts; attempt++) {
      const head = guess ?? (await this.repository.head(trx)) ?? { seq: 0, hash: GENESIS_HASH };
      const row: LogbookEntryRow = {
        seq: head.seq + 1,
        at: this.clock.now().toISOString(),
        actor_id: input.actor.id,
        actor_name: input.actor.name,
        actor_role: input.actor.role,
        action: input.action,
        subject,
        reason: input.reason ?? null,
        case_ref: input.caseRef ?? null,
        ip: input.ip ?? null,
        prev_hash: head.hash,
        hash: '',
      };
      row.hash = storedEntryHash(row.prev_hash, row);
      if (await this.repository.insertEntry(trx, row, guess !== null && !guess.committed)) return { seq: row.seq, hash: row.hash };
      if (!locked) await this.repository.lockForAppend(trx);
      locked = true;
      guess = null;
    }
    throw new Error(`logboek append failed: lost ${maxAppendAttempts} races for the next seq`);
  }

  private remember(head: { seq: number; hash: string; committed: boolean }): void {
    if (!this.lastHead || head.seq >= this.lastHead.seq) this.lastHead = head;
  }

  /** Signs and stores the current head; returns null when nothing was appended since the last checkpoint. */
  writeCheckpoint(): Promise<LogbookCheckpointRow | null> {
    const run = this.checkpointing.then(async () => {
      const head = await this.repository.head();
      if (!head) return null;
      const last = await this.repository.lastCheckpoint();
      if (last && last.seq >= head.seq) return null;
      return this.repository.insertCheckpoint({
        at: this.clock.now().toISOString(),
        seq: head.seq,
        hash: head.hash,
        signature: this.key.sign(head.seq, head.hash),
        key_id: this.key.keyId,
      });
    });
    this.checkpointing = run.catch(() => undefined);
    return run;
  }

  /** Writes a checkpoint every intervalSeconds (the timer does not keep the process alive). */
  startCheckpointTimer(intervalSeconds: number, onError: (err: unknown) => void = () => undefined): void {
    this.stopTimer();
    this.timer = setInterval(() => void this.writeCheckpoint().catch(onError), intervalSeconds * 1000);
    this.timer.unref();
  }

  /** Stops the timer and writes a final checkpoint (on shutdown). */
  async stop(): Promise<void> {
    this.stopTimer();
    await this.writeCheckpoint();
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Entries matching the filter, newest first, one page at a time. */
  async query(filter: LogbookFilter): Promise<LogbookPage> {
    const rows = await this.repository.find({ ...filter, from: instant(filter.from, 'from'), to: instant(filter.to, 'to'), limit: filter.limit + 1 });
    const entries = rows.slice(0, filter.limit).map(toLogbookEntry);
    return { entries, nextBefore: rows.length > filter.limit ? (entries[entries.length - 1]?.seq ?? null) : null };
  }

  toCsv(entries: readonly LogbookEntry[]): string {
    return entriesToCsv(entries);
  }

  /** Re-computes the whole chain and checks every checkpoint against the trusted public keys. */
  verify(): Promise<VerifyResult> {
    return verifyStoredLogbook(this.repository, this.key.publicKeys);
  }
}

/**
 * Streams the stored logboek through the verifier. Checkpoints are read first: every one of
 * them then lies at or below the head the stream will reach, even while appends go on.
 */
export async function verifyStoredLogbook(repository: LogbookRepository, publicKeys: ReadonlyMap<string, KeyObject>): Promise<VerifyResult> {
  const verifier = new ChainVerifier(await repository.checkpoints(), publicKeys);
  for await (const batch of repository.entriesAscending()) {
    for (const row of batch) if (!verifier.push(row)) break;
    if (verifier.failed) break;
  }
  return verifier.finish();
}

/** Stored instants are toISOString() text, so filter bounds are normalised to the same form. */
function instant(value: string | undefined, field: string): string | undefined {
  if (value === undefined) return undefined;
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw invalid('logbook_bad_instant', `${field} is not a date-time`, field);
  return time.toISOString();
}
