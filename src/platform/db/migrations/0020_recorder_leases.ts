import type { Kysely } from 'kysely';

/** The recorder (issue 5): camera leases, so several recorder processes can share the cameras. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('recording_camera_leases')
    .addColumn('camera_id', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('acquired_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('recording_camera_leases_holder').on('recording_camera_leases').column('holder').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('recording_camera_leases').execute();
}
