import type { Kysely } from 'kysely';

/** Redaction analysis (issue 9): durable analysis jobs and the tracks they found. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('redaction_analyses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_ref', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('camera_id', 'text', (c) => c.notNull())
    .addColumn('window_from', 'text', (c) => c.notNull())
    .addColumn('window_to', 'text', (c) => c.notNull())
    .addColumn('clip_start', 'text', (c) => c.notNull())
    .addColumn('clip_end', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('progress', 'double precision', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('frame_width', 'integer')
    .addColumn('frame_height', 'integer')
    .addColumn('frames', 'integer')
    .addColumn('track_count', 'integer')
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_by_role', 'text')
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('redaction_analyses_case').on('redaction_analyses').columns(['case_ref', 'created_at']).execute();
  await db.schema.createIndex('redaction_analyses_state').on('redaction_analyses').columns(['state']).execute();
  await db.schema
    .createTable('redaction_tracks')
    .addColumn('analysis_id', 'text', (c) => c.notNull().references('redaction_analyses.id'))
    .addColumn('track_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('first_ms', 'integer', (c) => c.notNull())
    .addColumn('last_ms', 'integer', (c) => c.notNull())
    .addColumn('best_score', 'double precision', (c) => c.notNull())
    .addColumn('boxes', 'text', (c) => c.notNull())
    .addColumn('thumbnail_path', 'text')
    .addColumn('thumbnail_sha256', 'text')
    .addPrimaryKeyConstraint('redaction_tracks_pk', ['analysis_id', 'track_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('redaction_tracks').execute();
  await db.schema.dropTable('redaction_analyses').execute();
}
