import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { openDatabase, openSqliteFile, type Database, type Dialect } from '../../src/platform/db/database.js';
import type { Schema } from '../../src/platform/db/schema.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { canonicalJson, storedEntryHash } from '../../src/logbook/logbook.js';
import type { AppendInput } from '../../src/logbook/logbook.service.js';
import type { LogbookEntryRow } from '../../src/logbook/logbook.table.js';

/** The PostgreSQL server to benchmark against (the benchmark creates and drops its own database there). */
const postgresAdminUrl = process.env.TOEZICHT_BENCH_PG ?? process.env.TOEZICHT_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase extends Database {
  drop(): Promise<void>;
}

export async function openBenchDatabase(dialect: Dialect): Promise<BenchDatabase> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-bench-'));
    const database = openSqliteFile(path.join(dir, 'toezicht.sqlite'));
    await migrateToLatest(database.db);
    return { ...database, drop: async () => (await database.close(), fs.rmSync(dir, { recursive: true, force: true })) };
  }
  const name = `toezicht_bench_${crypto.randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: postgresAdminUrl });
    await client.connect();
    await client.query(statement);
    await client.end();
  };
  await admin(`CREATE DATABASE ${name}`);
  const database = openDatabase({ databaseUrl: postgresAdminUrl.replace(/\/[^/]*$/, `/${name}`), dataDir: os.tmpdir() });
  await migrateToLatest(database.db);
  return {
    ...database,
    drop: async () => {
      await database.close();
      await new Promise((resolve) => setTimeout(resolve, 100)); // let the pool's sockets close first
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** A table like logbook_entries (same columns, key and indexes) for the plain-insert baseline. */
export async function createPlainTable(bench: BenchDatabase): Promise<void> {
  const db = bench.db as unknown as Kysely<unknown>;
  if (bench.dialect === 'postgres') {
    await sql`CREATE TABLE logbook_entries_plain (LIKE logbook_entries INCLUDING ALL)`.execute(db);
    return;
  }
  await sql`CREATE TABLE logbook_entries_plain (seq bigint PRIMARY KEY, at text NOT NULL, actor_id text, actor_name text NOT NULL,
    actor_role text, action text NOT NULL, subject text NOT NULL, reason text, case_ref text, ip text, prev_hash text NOT NULL, hash text NOT NULL)`.execute(db);
  for (const column of ['at', 'action', 'actor_id']) {
    await sql`CREATE INDEX ${sql.raw(`logbook_entries_plain_${column}`)} ON logbook_entries_plain (${sql.raw(column)})`.execute(db);
  }
}

/** A plain insert, built the same way as the logboek's own insert (an sql template, no query builder). */
export async function insertPlain(executor: Kysely<Schema>, row: LogbookEntryRow): Promise<void> {
  await sql`insert into logbook_entries_plain
      (seq, at, actor_id, actor_name, actor_role, action, subject, reason, case_ref, ip, prev_hash, hash)
    values (${row.seq}, ${row.at}, ${row.actor_id}, ${row.actor_name}, ${row.actor_role}, ${row.action},
      ${row.subject}, ${row.reason}, ${row.case_ref}, ${row.ip}, ${row.prev_hash}, ${row.hash})`.execute(executor);
}

/** A realistic entry: a playback of two cameras for an incident. */
export function sampleInput(i: number): AppendInput {
  return {
    actor: { id: `user-${i % 17}`, name: `gebruiker${i % 17}`, role: 'beheerder' },
    action: i % 3 === 0 ? 'footage.export' : 'footage.playback',
    subject: { cameras: [`cam-${i % 40}`, `cam-${(i + 1) % 40}`], from: '2026-01-04T22:10:00.000Z', to: '2026-01-04T22:40:00.000Z' },
    reason: 'Melding vernieling bij entree (incident)',
    caseRef: `INC-2026-${String(i % 500).padStart(4, '0')}`,
    ip: '10.20.30.40',
  };
}

/** Extends the chain by `count` valid entries, written in large multi-row inserts (setup for the verify benchmark). */
export async function bulkAppend(bench: BenchDatabase, head: { seq: number; hash: string }, count: number): Promise<void> {
  let { seq, hash } = head;
  const start = Date.parse('2026-02-01T00:00:00Z');
  for (let written = 0; written < count; ) {
    const rows: LogbookEntryRow[] = [];
    for (let i = 0; i < 1000 && written < count; i++, written++) {
      const input = sampleInput(seq);
      const row: LogbookEntryRow = {
        seq: seq + 1, at: new Date(start + seq * 250).toISOString(), actor_id: input.actor.id, actor_name: input.actor.name,
        actor_role: input.actor.role, action: input.action, subject: canonicalJson(input.subject), reason: input.reason ?? null,
        case_ref: input.caseRef ?? null, ip: input.ip ?? null, prev_hash: hash, hash: '',
      };
      row.hash = storedEntryHash(hash, row);
      rows.push(row);
      seq = row.seq;
      hash = row.hash;
    }
    await bench.db.insertInto('logbook_entries').values(rows).execute();
  }
}
