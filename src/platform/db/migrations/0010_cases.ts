import type { Kysely } from 'kysely';
import { autoId } from '../columns.js';

/**
 * Incidents, requests, case documents, complaints and the case timeline (issue 7). Holds are the
 * recorder's (recording_holds): one table for the cases and the retention sweep (INV-2).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('case_incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ref', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('site_id', 'text')
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('occurred_from', 'text', (c) => c.notNull())
    .addColumn('occurred_to', 'text', (c) => c.notNull())
    .addColumn('camera_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('reporter', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('police_report', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('police_report_ref', 'text')
    .addColumn('proceedings', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('aggression_report', 'text')
    .addColumn('consultation_at', 'text')
    .addColumn('consultation_by', 'text')
    .addColumn('consultation_notes', 'text')
    .addColumn('judgment_at', 'text')
    .addColumn('judgment_ref', 'text')
    .addColumn('handled_at', 'text')
    .addColumn('handled_by', 'text')
    .addColumn('handled_notes', 'text')
    .addColumn('profile_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_incidents_status').on('case_incidents').column('status').execute();

  await db.schema
    .createTable('case_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ref', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('profile_id', 'text', (c) => c.notNull())
    .addColumn('profile_version', 'text', (c) => c.notNull())
    .addColumn('requester_category', 'text', (c) => c.notNull())
    .addColumn('requester_name', 'text', (c) => c.notNull())
    .addColumn('requester_contact', 'text')
    .addColumn('requester_organisation', 'text')
    .addColumn('assignee_id', 'text')
    .addColumn('assignee_name', 'text')
    .addColumn('due_date', 'text')
    .addColumn('deadline_rule', 'text', (c) => c.notNull())
    .addColumn('deadline_steps', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('extended_due_date', 'text')
    .addColumn('extension_reason', 'text')
    .addColumn('written_confirmation_due', 'text')
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('facts', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('incident_id', 'text', (c) => c.references('case_incidents.id'))
    .addColumn('decision', 'text')
    .addColumn('decision_outcome', 'text')
    .addColumn('decision_ground', 'text')
    .addColumn('decision_rule', 'text')
    .addColumn('decision_reasons', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_by_role', 'text')
    .addColumn('proposed_by', 'text')
    .addColumn('proposed_by_id', 'text')
    .addColumn('carried_out_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('public_filing', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reminder_sent_at', 'text')
    .addColumn('overdue_notified_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_requests_state_due').on('case_requests').columns(['state', 'due_date']).execute();
  await db.schema.createIndex('case_requests_received').on('case_requests').column('received_at').execute();

  await db.schema
    .createTable('case_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_ref', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('stored_path', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('signer_name', 'text')
    .addColumn('signature_method', 'text')
    .addColumn('supersedes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_documents_case').on('case_documents').column('case_ref').execute();

  await db.schema
    .createTable('case_events')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('case_ref', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('actor_role', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema.createIndex('case_events_case').on('case_events').columns(['case_ref', 'id']).execute();

  await db.schema
    .createTable('case_complaints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ref', 'text', (c) => c.notNull().unique())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('complainant_name', 'text', (c) => c.notNull())
    .addColumn('complainant_contact', 'text')
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('related_ref', 'text')
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('authority_informed_at', 'text')
    .addColumn('handled_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['case_complaints', 'case_events', 'case_documents', 'case_requests', 'case_incidents']) {
    await db.schema.dropTable(table).execute();
  }
}
