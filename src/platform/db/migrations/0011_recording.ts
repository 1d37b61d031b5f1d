import type { Kysely } from 'kysely';
import { autoId } from '../columns.js';

/** The recorder (issue 5): segment index, holds, day keys, per-camera state, purge queue. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('recording_segments')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('camera_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('start_at', 'text', (c) => c.notNull())
    .addColumn('end_at', 'text', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'bigint', (c) => c.notNull())
    .addColumn('stored_bytes', 'bigint', (c) => c.notNull())
    .addColumn('motion', 'real')
    .addColumn('storage_key', 'text', (c) => c.notNull().unique())
    .addColumn('run_id', 'text', (c) => c.notNull())
    .addColumn('codec', 'text', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('indexed_at', 'text', (c) => c.notNull())
    .execute();
  // Playback and the per-camera retention sweep read by (camera, start); disk pressure by start alone.
  await db.schema.createIndex('recording_segments_camera_start').on('recording_segments').columns(['camera_id', 'start_at']).execute();
  await db.schema.createIndex('recording_segments_start').on('recording_segments').column('start_at').execute();
  await db.schema.createIndex('recording_segments_camera_day').on('recording_segments').columns(['camera_id', 'day']).execute();

  // A hold covers one or more cameras over one time window; the camera list is a table of its own
  // so that the deleting statements can ask "is this segment held?" in SQL (INV-2).
  await db.schema
    .createTable('recording_holds')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_ref', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_at', 'text', (c) => c.notNull())
    .addColumn('to_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('review_at', 'text')
    .addColumn('created_by_id', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('released_by_id', 'text')
    .addColumn('released_by_name', 'text')
    .addColumn('released_at', 'text')
    .addColumn('release_reason', 'text')
    .execute();
  await db.schema.createIndex('recording_holds_case').on('recording_holds').column('case_ref').execute();
  await db.schema.createIndex('recording_holds_active').on('recording_holds').columns(['released_at', 'review_at']).execute();
  await db.schema
    .createTable('recording_hold_cameras')
    .addColumn('camera_id', 'text', (c) => c.notNull())
    .addColumn('hold_id', 'text', (c) => c.notNull().references('recording_holds.id'))
    .addPrimaryKeyConstraint('recording_hold_cameras_pk', ['camera_id', 'hold_id'])
    .execute();

  await db.schema
    .createTable('recording_day_keys')
    .addColumn('camera_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('wrapped_key', 'text')
    .addColumn('master_key_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('destroyed_at', 'text')
    .addPrimaryKeyConstraint('recording_day_keys_pk', ['camera_id', 'day'])
    .execute();

  await db.schema
    .createTable('recording_cameras')
    .addColumn('camera_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('retention_days', 'integer', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('state_since', 'text', (c) => c.notNull())
    .addColumn('offline_since', 'text')
    .addColumn('last_error', 'text')
    .addColumn('last_segment_end', 'text')
    .addColumn('segment_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('stored_bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('motion_decided_until', 'text')
    .addColumn('swept_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('recording_purge_queue')
    .addColumn('storage_key', 'text', (c) => c.primaryKey())
    .addColumn('camera_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['recording_purge_queue', 'recording_cameras', 'recording_day_keys', 'recording_hold_cameras', 'recording_holds', 'recording_segments']) {
    await db.schema.dropTable(table).execute();
  }
}
