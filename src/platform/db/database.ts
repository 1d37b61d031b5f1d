import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, PostgresAdapter, type Kysely as KyselyType } from 'kysely';
import pg from 'pg';
import type { Schema } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<Schema>;
  dialect: Dialect;
  close(): Promise<void>;
}

// BIGINT (int8) as a JS number: sequence numbers and counters stay far below 2^53.
pg.types.setTypeParser(20, (value: string) => Number.parseInt(value, 10));

/**
 * Opens the database: embedded SQLite under the data directory by default (WAL mode),
 * or PostgreSQL when a postgres:// URL is given.
 */
export function openDatabase(options: { databaseUrl?: string; dataDir: string; onPoolError?: (err: Error) => void }): Database {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle client dropped by the server (restart, DROP DATABASE … WITH (FORCE)) must not crash the
    // process: the pool discards it and the next query opens a new connection.
    pool.on('error', (err) => options.onPoolError?.(err));
    const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  return openSqliteFile(path.join(options.dataDir, 'toezicht.sqlite'));
}

export function openSqliteFile(file: string): Database {
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/** Which SQL dialect a Kysely instance speaks (for the few statements that differ). */
export function dialectOf(db: KyselyType<unknown>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
