import type { Kysely } from 'kysely';

/** Evidence exports (issue 8): one row per sealed, encrypted package. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('exports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_ref', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('request_kind', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('windows', 'text', (c) => c.notNull())
    .addColumn('clips', 'text', (c) => c.notNull())
    .addColumn('package_file', 'text', (c) => c.notNull())
    .addColumn('package_bytes', 'bigint', (c) => c.notNull())
    .addColumn('package_sha256', 'text', (c) => c.notNull())
    .addColumn('certificate_sha256', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('downloaded_at', 'text')
    .addColumn('downloaded_by_name', 'text')
    .addColumn('handed_over_at', 'text')
    .addColumn('handed_over_by_name', 'text')
    .addColumn('handed_over_to', 'text')
    .addColumn('handed_over_identification', 'text')
    .addColumn('package_deleted_at', 'text')
    .execute();
  await db.schema.createIndex('exports_case_ref').on('exports').column('case_ref').execute();
  await db.schema.createIndex('exports_package_sha256').on('exports').column('package_sha256').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('exports').execute();
}
