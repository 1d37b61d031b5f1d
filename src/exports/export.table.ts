import type { Insertable, Selectable } from 'kysely';

/**
 * Evidence exports (issue 8). The package password is never stored: only a salted scrypt hash,
 * to confirm a password a recipient reads back. Times are ISO-8601 UTC text.
 */
export interface ExportTable {
  id: string;
  case_ref: string;
  request_id: string;
  request_kind: string;
  recipient: string;
  legal_basis: string;
  /** JSON: [{ cameraId, from, to }] */
  windows: string;
  /** JSON: the manifest's clips without certificate (file, camera, span, gaps, hash). */
  clips: string;
  package_file: string;
  package_bytes: number;
  package_sha256: string;
  certificate_sha256: string;
  password_hash: string;
  created_at: string;
  created_by_id: string | null;
  created_by_name: string;
  downloaded_at: string | null;
  downloaded_by_name: string | null;
  /** Chain of custody: when, by whom, to whom and how the recipient was identified. */
  handed_over_at: string | null;
  handed_over_by_name: string | null;
  handed_over_to: string | null;
  handed_over_identification: string | null;
  /** When the package file was deleted from the server (expiry); the row and its hashes stay. */
  package_deleted_at: string | null;
}

export type ExportRow = Selectable<ExportTable>;
export type NewExportRow = Insertable<ExportTable>;

/**
 * Export jobs (issue 8 item 6). The id is also the export's id once done. `password_sealed` holds
 * the package password AES-256-GCM-encrypted under the job key (<dataDir>/keys/export-jobs.key)
 * only while the job is unfinished, so a restarted worker can build the package with the password
 * the operator was shown; it is wiped (null) when the job ends. Times are ISO-8601 UTC text.
 */
export interface ExportJobTable {
  id: string;
  case_ref: string;
  request_id: string;
  /** JSON: the validated CreateExportInput (never the password). */
  input: string;
  /** JSON: the ExportActor who asked. */
  actor: string;
  password_sealed: string | null;
  state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  phase: string;
  progress: number;
  error: string | null;
  attempts: number;
  /** The worker holding the job, and until when (renewed by its heartbeat). */
  lease_owner: string | null;
  lease_until: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export type ExportJobRow = Selectable<ExportJobTable>;
export type NewExportJobRow = Insertable<ExportJobTable>;
