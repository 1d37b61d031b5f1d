import type { LoginAttemptTable, SessionTable, UserTable } from '../../auth/auth.table.js';
import type { LogbookCheckpointTable, LogbookEntryTable } from '../../logbook/logbook.table.js';
import type { ApprovalTable, CameraTable, CheckTable, DefectTable, DocumentTable, SiteTable } from '../../register/register.table.js';

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
}
