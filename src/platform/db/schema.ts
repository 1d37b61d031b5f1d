import type { LoginAttemptTable, SessionTable, UserTable } from '../../auth/auth.table.js';
import type { LogbookCheckpointTable, LogbookEntryTable } from '../../logbook/logbook.table.js';

/** The whole database as Kysely sees it: each feature owns its tables in its own *.table.ts. */
export interface Schema {
  users: UserTable;
  sessions: SessionTable;
  login_attempts: LoginAttemptTable;
  logbook_entries: LogbookEntryTable;
  logbook_checkpoints: LogbookCheckpointTable;
}
