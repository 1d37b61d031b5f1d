import type { Kysely } from 'kysely';
import type { Executor } from '../auth/user.repository.js';
import type { Schema } from '../platform/db/schema.js';
import type { RequestKind, RequesterCategory } from '../protocol/vocabulary.js';
import type { CaseRequestRow, CaseRequestUpdate, NewCaseRequestRow } from './cases.table.js';
import type { Channel, CaseRequest, Decision, RequestState } from './request.js';

export function toCaseRequest(row: CaseRequestRow): CaseRequest {
  const decision: Decision | null =
    row.decision === 'allow' || row.decision === 'refuse'
      ? {
          decision: row.decision,
          outcome: (row.decision_outcome as Decision['outcome']) ?? null,
          ground: (row.decision_ground as Decision['ground']) ?? null,
          rule: row.decision_rule ?? '',
          reasons: row.decision_reasons ?? '',
          decidedAt: row.decided_at ?? '',
          decidedBy: row.decided_by ?? '',
          decidedByRole: row.decided_by_role,
        }
      : null;
  return {
    id: row.id,
    ref: row.ref,
    kind: row.kind as RequestKind,
    state: row.state as RequestState,
    channel: row.channel as Channel,
    receivedAt: row.received_at,
    profileId: row.profile_id,
    profileVersion: row.profile_version,
    requester: {
      category: row.requester_category as RequesterCategory,
      name: row.requester_name,
      contact: row.requester_contact,
      organisation: row.requester_organisation,
    },
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
    deadline: {
      due: row.due_date,
      rule: row.deadline_rule,
      steps: JSON.parse(row.deadline_steps) as string[],
      extendedDue: row.extended_due_date,
      extensionReason: row.extension_reason,
    },
    writtenConfirmationDue: row.written_confirmation_due,
    details: JSON.parse(row.details) as CaseRequest['details'],
    facts: JSON.parse(row.facts) as CaseRequest['facts'],
    incidentId: row.incident_id,
    decision,
    proposedBy: row.proposed_by ? { id: row.proposed_by_id, name: row.proposed_by } : null,
    carriedOutAt: row.carried_out_at,
    closedAt: row.closed_at,
    publicFiling: row.public_filing === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface RequestFilter {
  states?: readonly RequestState[];
  kinds?: readonly RequestKind[];
  receivedFrom?: string;
}

/** The case_requests table; only this file writes SQL for it. */
export class RequestRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async insert(row: NewCaseRequestRow, ex: Executor = this.db): Promise<void> {
    await ex.insertInto('case_requests').values(row).execute();
  }

  async findById(id: string, ex: Executor = this.db): Promise<CaseRequestRow | undefined> {
    return ex.selectFrom('case_requests').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async findByRef(ref: string, ex: Executor = this.db): Promise<CaseRequestRow | undefined> {
    return ex.selectFrom('case_requests').selectAll().where('ref', '=', ref).executeTakeFirst();
  }

  /** Locks the row for the rest of the transaction (PostgreSQL); SQLite serialises writers anyway. */
  async findForUpdate(id: string, ex: Executor, postgres: boolean): Promise<CaseRequestRow | undefined> {
    const query = ex.selectFrom('case_requests').selectAll().where('id', '=', id);
    return (postgres ? query.forUpdate() : query).executeTakeFirst();
  }

  /** Updates the row only if it is still in the expected state (a concurrent step loses, not overwrites). */
  async update(id: string, expectedState: string, changes: CaseRequestUpdate, ex: Executor = this.db): Promise<boolean> {
    const result = await ex.updateTable('case_requests').set(changes).where('id', '=', id).where('state', '=', expectedState).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async list(filter: RequestFilter = {}, ex: Executor = this.db): Promise<CaseRequestRow[]> {
    let query = ex.selectFrom('case_requests').selectAll();
    if (filter.states?.length) query = query.where('state', 'in', [...filter.states]);
    if (filter.kinds?.length) query = query.where('kind', 'in', [...filter.kinds]);
    if (filter.receivedFrom) query = query.where('received_at', '>=', filter.receivedFrom);
    return query.orderBy('received_at', 'desc').orderBy('id').execute();
  }

  async forIncident(incidentId: string, ex: Executor = this.db): Promise<CaseRequestRow[]> {
    return ex.selectFrom('case_requests').selectAll().where('incident_id', '=', incidentId).orderBy('received_at').execute();
  }

  /** Claims a one-time notification (reminder or overdue) atomically: only one process sends it. */
  async claimNotification(id: string, column: 'reminder_sent_at' | 'overdue_notified_at', at: string, ex: Executor = this.db): Promise<boolean> {
    const result = await ex.updateTable('case_requests').set({ [column]: at }).where('id', '=', id).where(column, 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async releaseNotification(id: string, column: 'reminder_sent_at' | 'overdue_notified_at', ex: Executor = this.db): Promise<void> {
    await ex.updateTable('case_requests').set({ [column]: null }).where('id', '=', id).execute();
  }

  /** Records facts without a change of state (a footage search). */
  async setFacts(id: string, facts: string, ex: Executor = this.db): Promise<void> {
    await ex.updateTable('case_requests').set({ facts }).where('id', '=', id).execute();
  }
}
