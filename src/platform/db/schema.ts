import type { LoginAttemptTable, SessionTable, UserTable } from '../../auth/auth.table.js';
import type { LogbookCheckpointTable, LogbookEntryTable } from '../../logbook/logbook.table.js';
import type { ProfileVersionTable } from '../../protocol/versions/profile-version.table.js';
import type { ApprovalTable, CameraTable, CheckTable, DefectTable, DocumentTable, SiteTable } from '../../register/register.table.js';
import type {
  CameraLeaseTable, DayKeyTable, HoldCameraTable, HoldTable, PurgeQueueTable, RecordingCameraTable, SegmentTable,
} from '../../recording/recording.table.js';
import type { CaseComplaintTable, CaseDocumentTable, CaseEventTable, CaseIncidentTable, CaseRequestTable } from '../../cases/cases.table.js';
import type { ExportJobTable, ExportTable } from '../../exports/export.table.js';
import type { ViewRangeTable, ViewSessionTable } from '../../viewing/viewing.table.js';
import type { RedactionAnalysisTable, RedactionTrackTable } from '../../redaction/redaction.table.js';
import type { RedactionRenderTable, RedactionReviewTable } from '../../redaction/review/review.table.js';
import type { PrivacyMaskLiftTable, PrivacyMaskVersionTable } from '../../masks/mask.table.js';

/** The whole database as Kysely sees it: each feature owns its tables in its own *.table.ts. */
export interface Schema {
  users: UserTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  logbook_entries: LogbookEntryTable;
  logbook_checkpoints: LogbookCheckpointTable;
  register_sites: SiteTable;
  register_cameras: CameraTable;
  register_approvals: ApprovalTable;
  register_documents: DocumentTable;
  register_checks: CheckTable;
  register_defects: DefectTable;
  protocol_profile_versions: ProfileVersionTable;
  case_incidents: CaseIncidentTable;
  case_requests: CaseRequestTable;
  case_documents: CaseDocumentTable;
  case_events: CaseEventTable;
  case_complaints: CaseComplaintTable;
  recording_segments: SegmentTable;
  recording_holds: HoldTable;
  recording_hold_cameras: HoldCameraTable;
  recording_day_keys: DayKeyTable;
  recording_cameras: RecordingCameraTable;
  recording_purge_queue: PurgeQueueTable;
  recording_camera_leases: CameraLeaseTable;
  view_sessions: ViewSessionTable;
  view_ranges: ViewRangeTable;
  exports: ExportTable;
  export_jobs: ExportJobTable;
  redaction_analyses: RedactionAnalysisTable;
  redaction_tracks: RedactionTrackTable;
  redaction_reviews: RedactionReviewTable;
  redaction_renders: RedactionRenderTable;
  privacy_mask_versions: PrivacyMaskVersionTable;
  privacy_mask_lifts: PrivacyMaskLiftTable;
}
