import type { Kysely } from 'kysely';

/** The camera register (issue 4): sites, cameras, approvals, evidence documents, checks and defects. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('register_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('stored_path', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('register_sites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text', (c) => c.notNull())
    .addColumn('profile_id', 'text', (c) => c.notNull())
    .addColumn('site_override', 'text')
    .addColumn('contact_name', 'text')
    .addColumn('contact_team', 'text')
    .addColumn('vve_applies', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('maintenance_partner', 'text')
    .addColumn('processor_agreement_document_id', 'text', (c) => c.references('register_documents.id'))
    .addColumn('processor_agreement_from', 'text')
    .addColumn('processor_agreement_until', 'text')
    .addColumn('recorder_location', 'text')
    .addColumn('recorder_security', 'text')
    .addColumn('viewing_location', 'text')
    .addColumn('viewing_security', 'text')
    .addColumn('security_evidence_document_id', 'text', (c) => c.references('register_documents.id'))
    .addColumn('check_interval_days', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('register_cameras')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('register_sites.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('area_type', 'text', (c) => c.notNull())
    .addColumn('purposes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('legal_basis', 'text')
    .addColumn('responsible', 'text')
    .addColumn('view_checklist', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('signage_location', 'text')
    .addColumn('signage_photo_document_id', 'text', (c) => c.references('register_documents.id'))
    .addColumn('stream_url', 'text')
    .addColumn('credentials_sealed', 'text')
    .addColumn('secure_connection', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recording_mode', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('dummy', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('staff_in_view', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('systematic_public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('activated_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('register_cameras_site_name', ['site_id', 'name'])
    .execute();
  await db.schema.createIndex('register_cameras_status').on('register_cameras').column('status').execute();

  await db.schema
    .createTable('register_approvals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('camera_id', 'text', (c) => c.notNull().references('register_cameras.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('decider', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text')
    .addColumn('answers', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('notes', 'text')
    .addColumn('document_id', 'text', (c) => c.references('register_documents.id'))
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_by_role', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('register_approvals_camera').on('register_approvals').column('camera_id').execute();

  await db.schema
    .createTable('register_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('camera_id', 'text', (c) => c.notNull().references('register_cameras.id'))
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .addColumn('checked_by', 'text', (c) => c.notNull())
    .addColumn('image_ok', 'integer', (c) => c.notNull())
    .addColumn('time_ok', 'integer', (c) => c.notNull())
    .addColumn('signage_ok', 'integer', (c) => c.notNull())
    .addColumn('view_ok', 'integer', (c) => c.notNull())
    .addColumn('notes', 'text')
    .execute();
  await db.schema.createIndex('register_checks_camera').on('register_checks').columns(['camera_id', 'checked_at']).execute();

  await db.schema
    .createTable('register_defects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('camera_id', 'text', (c) => c.notNull().references('register_cameras.id'))
    .addColumn('check_id', 'text', (c) => c.references('register_checks.id'))
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('reported_by', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('repaired_at', 'text')
    .addColumn('repaired_by', 'text')
    .addColumn('repair_notes', 'text')
    .execute();
  await db.schema.createIndex('register_defects_camera').on('register_defects').column('camera_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['register_defects', 'register_checks', 'register_approvals', 'register_cameras', 'register_sites', 'register_documents']) {
    await db.schema.dropTable(table).execute();
  }
}
