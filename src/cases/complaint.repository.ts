import type { Kysely } from 'kysely';
import type { Executor } from '../auth/user.repository.js';
import type { Schema } from '../platform/db/schema.js';
import type { CaseComplaintRow, CaseComplaintTable, CaseComplaintUpdate } from './cases.table.js';
import type { Complaint, ComplaintState } from './complaint.js';

export function toComplaint(row: CaseComplaintRow): Complaint {
  return {
    id: row.id,
    ref: row.ref,
    receivedAt: row.received_at,
    channel: row.channel,
    complainant: { name: row.complainant_name, contact: row.complainant_contact },
    topic: row.topic as Complaint['topic'],
    description: row.description,
    relatedRef: row.related_ref,
    state: row.state as ComplaintState,
    outcome: row.outcome,
    authorityInformedAt: row.authority_informed_at,
    handledBy: row.handled_by,
    createdAt: row.created_at,
    closedAt: row.closed_at,
  };
}

export class ComplaintRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async insert(row: CaseComplaintTable, ex: Executor = this.db): Promise<void> {
    await ex.insertInto('case_complaints').values(row).execute();
  }

  async findById(id: string, ex: Executor = this.db): Promise<CaseComplaintRow | undefined> {
    return ex.selectFrom('case_complaints').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(id: string, expectedState: string, changes: CaseComplaintUpdate, ex: Executor = this.db): Promise<boolean> {
    const result = await ex.updateTable('case_complaints').set(changes).where('id', '=', id).where('state', '=', expectedState).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async list(ex: Executor = this.db): Promise<CaseComplaintRow[]> {
    return ex.selectFrom('case_complaints').selectAll().orderBy('received_at', 'desc').orderBy('id').execute();
  }
}
