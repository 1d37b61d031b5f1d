import type { Kysely } from 'kysely';
import { autoId } from '../columns.js';

/** Watching (issue 6): view sessions and the footage ranges actually watched (INV-3, SOE-7.2). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('view_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('auth_session_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('camera_ids', 'text', (c) => c.notNull())
    .addColumn('reason_kind', 'text', (c) => c.notNull())
    .addColumn('case_ref', 'text')
    .addColumn('reason_text', 'text')
    .addColumn('identification', 'text')
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('logbook_seq', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('view_sessions_user').on('view_sessions').columns(['user_id', 'started_at']).execute();
  await db.schema
    .createTable('view_ranges')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('session_id', 'text', (c) => c.notNull().references('view_sessions.id'))
    .addColumn('camera_id', 'text', (c) => c.notNull())
    .addColumn('range_key', 'text', (c) => c.notNull())
    .addColumn('from_at', 'text', (c) => c.notNull())
    .addColumn('to_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('logged_at', 'text')
    .addUniqueConstraint('view_ranges_session_key', ['session_id', 'camera_id', 'range_key'])
    .execute();
  // "Who saw camera X between a and b": ranges of the camera with from < b and to > a.
  await db.schema.createIndex('view_ranges_camera_from').on('view_ranges').columns(['camera_id', 'from_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('view_ranges').execute();
  await db.schema.dropTable('view_sessions').execute();
}
