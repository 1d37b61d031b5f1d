import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import { openDatabase, openSqliteFile, type Database, type Dialect } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';

/** The PostgreSQL server the tests use (the machine's own, trust auth). */
export const postgresAdminUrl = process.env.TOEZICHT_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const dialects: Dialect[] = ['sqlite', 'postgres'];

export interface TestDatabase extends Database {
  /** Drops the database (PostgreSQL) or removes the file (SQLite). */
  drop(): Promise<void>;
  /** Where the SQLite file lies, for tests that tamper with it behind the application's back. */
  file?: string;
  url?: string;
}

/** Creates a fresh, migrated database of the given dialect, private to the calling test. */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-db-'));
    const file = path.join(dir, 'toezicht.sqlite');
    const database = openSqliteFile(file);
    await migrateToLatest(database.db);
    return {
      ...database,
      file,
      drop: async () => {
        await database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `toezicht_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = postgresAdminUrl.replace(/\/[^/]*$/, `/${name}`);
  const database = openDatabase({ databaseUrl: url, dataDir: os.tmpdir(), onPoolError: () => undefined });
  await migrateToLatest(database.db);
  return {
    ...database,
    url,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: postgresAdminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
