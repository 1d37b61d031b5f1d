import type { Kysely } from 'kysely';
import { autoId } from '../columns.js';

/**
 * Privacy masks (issue 9 item 4; DOM-2, WEL-4, SOE-8): every version of a camera's mask set (never
 * deleted: a removed mask is a new version without it) and every lift (who, for what, why, until when).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('privacy_mask_versions')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('camera_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('polygons', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('logbook_seq', 'integer', (c) => c.notNull())
    .addUniqueConstraint('privacy_mask_versions_camera_version', ['camera_id', 'version'])
    .execute();
  await db.schema
    .createTable('privacy_mask_lifts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('camera_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('view_session_id', 'text')
    .addColumn('case_ref', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('logbook_seq', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('privacy_mask_lifts_camera').on('privacy_mask_lifts').columns(['camera_id', 'expires_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('privacy_mask_lifts').execute();
  await db.schema.dropTable('privacy_mask_versions').execute();
}
