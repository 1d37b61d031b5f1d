import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The case tables (issue 7). Booleans are 0/1, times ISO-8601 UTC text and calendar dates
 * YYYY-MM-DD text on both dialects; lists and records are JSON text.
 */
export interface CaseRequestTable {
  id: string;
  /** The reference given to the requester (VZ-2026-7K3QX9). */
  ref: string;
  kind: string;
  state: string;
  channel: string;
  received_at: string;
  /** The profile in force at receipt: its deadline and rules govern the request. */
  profile_id: string;
  profile_version: string;
  requester_category: string;
  requester_name: string;
  requester_contact: string | null;
  requester_organisation: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  due_date: string | null;
  deadline_rule: string;
  /** JSON array: how the deadline was computed. */
  deadline_steps: string;
  /** The AVG art. 12(3) extension, when one was given. */
  extended_due_date: string | null;
  extension_reason: string | null;
  /** An urgent oral police request: the day its written confirmation is due. */
  written_confirmation_due: string | null;
  /** JSON: the kind's own details (location and time window, officer, recipient…). */
  details: string;
  /** JSON: facts recorded on the way (identity checked, balancing of interests…), by name. */
  facts: string;
  incident_id: string | null;
  decision: string | null;
  decision_outcome: string | null;
  decision_ground: string | null;
  decision_rule: string | null;
  decision_reasons: string | null;
  decided_at: string | null;
  decided_by: string | null;
  decided_by_role: string | null;
  /** Four-eyes: who proposed the decision the approver confirms. */
  proposed_by: string | null;
  proposed_by_id: string | null;
  carried_out_at: string | null;
  closed_at: string | null;
  public_filing: number;
  reminder_sent_at: string | null;
  overdue_notified_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface CaseIncidentTable {
  id: string;
  ref: string;
  type: string;
  site_id: string | null;
  place: string;
  occurred_from: string;
  occurred_to: string;
  camera_ids: string;
  description: string;
  reporter: string;
  status: string;
  police_report: number;
  police_report_ref: string | null;
  proceedings: number;
  aggression_report: string | null;
  consultation_at: string | null;
  consultation_by: string | null;
  consultation_notes: string | null;
  judgment_at: string | null;
  judgment_ref: string | null;
  handled_at: string | null;
  handled_by: string | null;
  handled_notes: string | null;
  profile_id: string;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export interface CaseDocumentTable {
  id: string;
  case_ref: string;
  kind: string;
  /** 'generated' (unsigned PDF) or 'signed' (signed on screen or a signed scan). */
  status: string;
  sha256: string;
  media_type: string;
  size: number;
  stored_path: string;
  file_name: string;
  signer_name: string | null;
  signature_method: string | null;
  /** The generated document a signed one replaces. */
  supersedes: string | null;
  created_at: string;
  created_by: string;
}

export interface CaseEventTable {
  id: Generated<number>;
  case_ref: string;
  at: string;
  actor_name: string;
  actor_role: string | null;
  action: string;
  detail: string;
}

export interface CaseComplaintTable {
  id: string;
  ref: string;
  received_at: string;
  channel: string;
  complainant_name: string;
  complainant_contact: string | null;
  topic: string;
  description: string;
  related_ref: string | null;
  state: string;
  outcome: string | null;
  authority_informed_at: string | null;
  handled_by: string | null;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export type CaseRequestRow = Selectable<CaseRequestTable>;
export type NewCaseRequestRow = Insertable<CaseRequestTable>;
export type CaseRequestUpdate = Updateable<CaseRequestTable>;
export type CaseIncidentRow = Selectable<CaseIncidentTable>;
export type CaseIncidentUpdate = Updateable<CaseIncidentTable>;
export type CaseDocumentRow = Selectable<CaseDocumentTable>;
export type CaseEventRow = Selectable<CaseEventTable>;
export type CaseComplaintRow = Selectable<CaseComplaintTable>;
export type CaseComplaintUpdate = Updateable<CaseComplaintTable>;
