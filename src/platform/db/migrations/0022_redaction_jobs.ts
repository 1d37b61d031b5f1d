import type { Kysely } from 'kysely';

/**
 * Redaction jobs with leases (issue 9): analyses and renders are claimed by a worker with a lease it
 * renews while it runs, and taken over by another worker when the lease runs out (its process died),
 * as export jobs are (0017). A render keeps its package password sealed until it ends, and who
 * started it (with the role) for the derived export. A track's thumbnail is encrypted with the day
 * key of the footage it was cut from: `thumbnail_day` names that UTC day.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  await db.schema.alterTable('redaction_analyses').addColumn('lease_owner', 'text').execute();
  await db.schema.alterTable('redaction_analyses').addColumn('lease_until', 'text').execute();
  await db.schema.alterTable('redaction_renders').addColumn('lease_owner', 'text').execute();
  await db.schema.alterTable('redaction_renders').addColumn('lease_until', 'text').execute();
  await db.schema.alterTable('redaction_renders').addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('redaction_renders').addColumn('password_sealed', 'text').execute();
  await db.schema.alterTable('redaction_renders').addColumn('created_by_role', 'text').execute();
  await db.schema.alterTable('redaction_tracks').addColumn('thumbnail_day', 'text').execute();
  await db.schema.createIndex('redaction_renders_state').on('redaction_renders').column('state').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('redaction_renders_state').execute();
  await db.schema.alterTable('redaction_tracks').dropColumn('thumbnail_day').execute();
  for (const column of ['created_by_role', 'password_sealed', 'attempts', 'lease_until', 'lease_owner']) await db.schema.alterTable('redaction_renders').dropColumn(column).execute();
  for (const column of ['lease_until', 'lease_owner']) await db.schema.alterTable('redaction_analyses').dropColumn(column).execute();
}
