import { sql, type Insertable, type Kysely } from 'kysely';
import { dialectOf, type Dialect } from '../platform/db/database.js';
import type { Schema } from '../platform/db/schema.js';
import type { LogbookCheckpointRow, LogbookCheckpointTable, LogbookEntryRow } from './logbook.table.js';

/** Search criteria for reading the logboek; every field narrows the result. */
export interface LogbookFilter {
  /** Actor id or actor name (exact). */
  actor?: string;
  /** An action ("footage.view") or a prefix of dotted actions ("footage" matches "footage.view"). */
  action?: string;
  /** A camera id mentioned anywhere in the subject. */
  camera?: string;
  caseRef?: string;
  /** Period, ISO-8601: from inclusive, to inclusive. */
  from?: string;
  to?: string;
  /** Entries strictly before this seq (keyset pagination, newest first). */
  before?: number;
  limit: number;
}

/** Arbitrary but fixed key of the PostgreSQL advisory lock that serialises appends. */
const appendLockKey = 7_362_104_111;

/** The logboek's only SQL. Methods that take an executor run inside the caller's transaction. */
export class LogbookRepository {
  private readonly dialect: Dialect;

  constructor(private readonly db: Kysely<Schema>) {
    this.dialect = dialectOf(db as unknown as Kysely<unknown>);
  }

  /**
   * Queues appends behind one another across every connection (and node) on PostgreSQL until
   * the transaction ends; taken only after a lost race, so that busy moments do not turn into
   * a storm of retries. SQLite needs nothing: its writers are serialised already.
   */
  async lockForAppend(trx: Kysely<Schema>): Promise<void> {
    if (this.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${sql.lit(appendLockKey)})`.execute(trx);
  }

  async head(executor: Kysely<Schema> = this.db): Promise<{ seq: number; hash: string } | null> {
    const row = await executor.selectFrom('logbook_entries').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return row ?? null;
  }

  /**
   * Inserts the entry unless its seq is taken, returning whether it did. A concurrent insert of
   * the same seq on PostgreSQL makes this wait for that transaction and then do nothing, never
   * fail, so the caller's transaction stays usable for a retry.
   *
   * With `checkPredecessor` the row is only written when entry seq-1 exists with hash
   * prev_hash in this transaction's view: for a predecessor that was guessed, not read, and
   * that may belong to a transaction which has since rolled back.
   */
  async insertEntry(executor: Kysely<Schema>, row: LogbookEntryRow, checkPredecessor: boolean): Promise<boolean> {
    const { seq, at, actor_id, actor_name, actor_role, action, subject, reason, case_ref, ip, prev_hash, hash } = row;
    const columns = sql`(seq, at, actor_id, actor_name, actor_role, action, subject, reason, case_ref, ip, prev_hash, hash)`;
    const fields = sql`${at}, ${actor_id}, ${actor_name}, ${actor_role}, ${action}, ${subject}, ${reason}, ${case_ref}, ${ip}`;
    const statement = checkPredecessor
      ? sql`insert into logbook_entries ${columns}
          select p.seq + 1, ${fields}, p.hash, ${hash} from logbook_entries p where p.seq = ${seq - 1} and p.hash = ${prev_hash}
          on conflict (seq) do nothing`
      : sql`insert into logbook_entries ${columns} values (${seq}, ${fields}, ${prev_hash}, ${hash}) on conflict (seq) do nothing`;
    const result = await statement.execute(executor);
    return result.numAffectedRows === 1n;
  }

  /** Entries matching the filter, newest first. */
  async find(filter: LogbookFilter): Promise<LogbookEntryRow[]> {
    let query = this.db.selectFrom('logbook_entries').selectAll();
    if (filter.actor !== undefined) {
      const actor = filter.actor;
      query = query.where((eb) => eb.or([eb('actor_id', '=', actor), eb('actor_name', '=', actor)]));
    }
    if (filter.action !== undefined) {
      const prefix = `${filter.action}.`;
      query = query.where((eb) =>
        eb.or([eb('action', '=', filter.action!), eb(eb.fn('substr', ['action', sql.lit(1), sql.lit(prefix.length)]), '=', prefix)]),
      );
    }
    if (filter.camera !== undefined) {
      // The subject is canonical JSON, so a camera id appears in it as a quoted JSON string.
      // A plain substring test for now; a subject index table can replace it when volumes demand.
      const needle = JSON.stringify(filter.camera);
      const position = this.dialect === 'postgres' ? sql<number>`strpos(subject, ${needle})` : sql<number>`instr(subject, ${needle})`;
      query = query.where(position, '>', 0);
    }
    if (filter.caseRef !== undefined) query = query.where('case_ref', '=', filter.caseRef);
    if (filter.from !== undefined) query = query.where('at', '>=', filter.from);
    if (filter.to !== undefined) query = query.where('at', '<=', filter.to);
    if (filter.before !== undefined) query = query.where('seq', '<', filter.before);
    return query.orderBy('seq', 'desc').limit(filter.limit).execute();
  }

  /**
   * Every entry in ascending seq order, in batches, for verification. The next batch is
   * fetched while the caller works on the current one.
   */
  async *entriesAscending(batchSize = 5000): AsyncGenerator<LogbookEntryRow[]> {
    const fetch = (after: number) =>
      this.db.selectFrom('logbook_entries').selectAll().where('seq', '>', after).orderBy('seq', 'asc').limit(batchSize).execute();
    const prefetch = (after: number) => {
      const next = fetch(after);
      next.catch(() => undefined); // awaited below; silences the rejection when the caller stops early
      return next;
    };
    let pending = prefetch(Number.MIN_SAFE_INTEGER);
    for (;;) {
      const rows = await pending;
      const last = rows[rows.length - 1];
      if (!last) return;
      if (rows.length === batchSize) pending = prefetch(last.seq);
      yield rows;
      if (rows.length < batchSize) return;
    }
  }

  async insertCheckpoint(row: Insertable<LogbookCheckpointTable>): Promise<LogbookCheckpointRow> {
    return this.db.insertInto('logbook_checkpoints').values(row).returningAll().executeTakeFirstOrThrow();
  }

  /** All checkpoints, in seq order. */
  async checkpoints(): Promise<LogbookCheckpointRow[]> {
    return this.db.selectFrom('logbook_checkpoints').selectAll().orderBy('seq', 'asc').orderBy('id', 'asc').execute();
  }

  async lastCheckpoint(): Promise<LogbookCheckpointRow | null> {
    const row = await this.db.selectFrom('logbook_checkpoints').selectAll().orderBy('seq', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    return row ?? null;
  }
}
