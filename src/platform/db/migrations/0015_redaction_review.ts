import type { Kysely } from 'kysely';

/** Redaction review and render (issue 9 items 2–3): the operator's choices per analysis, and renders. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('redaction_reviews')
    .addColumn('analysis_id', 'text', (c) => c.primaryKey())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('manual', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by_name', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('redaction_renders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('analysis_id', 'text', (c) => c.notNull())
    .addColumn('case_ref', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('progress', 'double precision', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('frames', 'integer')
    .addColumn('export_id', 'text')
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('redaction_renders_analysis').on('redaction_renders').column('analysis_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('redaction_renders').execute();
  await db.schema.dropTable('redaction_reviews').execute();
}
