import type { Kysely } from 'kysely';

/** Versions of the protocol profile (issue 3 item 6): drafts, activations with effective dates, history. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('protocol_profile_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('profile_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text')
    .addColumn('effective_at', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('based_on', 'text', (c) => c.references('protocol_profile_versions.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('activated_by', 'text')
    .addColumn('activated_at', 'text')
    .addColumn('retired_at', 'text')
    .addUniqueConstraint('protocol_profile_versions_number', ['profile_id', 'version'])
    .execute();
  await db.schema.createIndex('protocol_profile_versions_effective').on('protocol_profile_versions').columns(['profile_id', 'status', 'effective_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('protocol_profile_versions').execute();
}
