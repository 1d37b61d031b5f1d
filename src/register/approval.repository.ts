import type { Kysely } from 'kysely';
import type { Executor } from '../auth/user.repository.js';
import type { Schema } from '../platform/db/schema.js';
import type { ApprovalKind, ApprovalOutcome, ApprovalRecord } from './camera.js';
import type { ApprovalRow } from './register.table.js';

export function toApproval(row: ApprovalRow): ApprovalRecord {
  return {
    id: row.id,
    cameraId: row.camera_id,
    kind: row.kind as ApprovalKind,
    outcome: row.outcome as ApprovalOutcome,
    decider: row.decider,
    decidedOn: row.decided_on,
    validUntil: row.valid_until,
    answers: JSON.parse(row.answers) as ApprovalRecord['answers'],
    notes: row.notes,
    documentId: row.document_id,
    recordedBy: row.recorded_by,
    recordedByRole: row.recorded_by_role,
    recordedAt: row.recorded_at,
  };
}

/** Approvals are records of decisions: added, never changed (a later decision supersedes). */
export class ApprovalRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async forCameras(cameraIds: readonly string[], ex: Executor = this.db): Promise<ApprovalRow[]> {
    if (cameraIds.length === 0) return [];
    return ex
      .selectFrom('register_approvals')
      .selectAll()
      .where('camera_id', 'in', [...cameraIds])
      .orderBy('decided_on', 'desc')
      .orderBy('recorded_at', 'desc')
      .execute();
  }

  async insert(row: ApprovalRow, ex: Executor = this.db): Promise<void> {
    await ex.insertInto('register_approvals').values(row).execute();
  }
}
