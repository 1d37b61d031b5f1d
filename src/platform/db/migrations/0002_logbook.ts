import { sql, type Kysely } from 'kysely';
import { autoId } from '../columns.js';
import { dialectOf } from '../database.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('logbook_entries')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('actor_role', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('case_ref', 'text')
    .addColumn('ip', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('logbook_entries_at').on('logbook_entries').column('at').execute();
  await db.schema.createIndex('logbook_entries_action').on('logbook_entries').column('action').execute();
  await db.schema.createIndex('logbook_entries_actor').on('logbook_entries').column('actor_id').execute();

  await db.schema
    .createTable('logbook_checkpoints')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .execute();

  if (dialectOf(db) === 'postgres') {
    // Append-only at the database level: the application has no update/delete path, and
    // PostgreSQL refuses one even from a hand-written statement.
    await sql`CREATE OR REPLACE FUNCTION toezicht_append_only() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'logboek is append-only: % on % refused', TG_OP, TG_TABLE_NAME; END;
      $$ LANGUAGE plpgsql`.execute(db);
    for (const table of ['logbook_entries', 'logbook_checkpoints']) {
      await sql`CREATE TRIGGER ${sql.raw(table)}_no_update BEFORE UPDATE OR DELETE ON ${sql.raw(table)}
        FOR EACH ROW EXECUTE FUNCTION toezicht_append_only()`.execute(db);
      await sql`CREATE TRIGGER ${sql.raw(table)}_no_truncate BEFORE TRUNCATE ON ${sql.raw(table)}
        FOR EACH STATEMENT EXECUTE FUNCTION toezicht_append_only()`.execute(db);
    }
  }
}

export async function down(): Promise<void> {
  throw new Error('The logboek migration cannot be reverted: the logboek is append-only.');
}
