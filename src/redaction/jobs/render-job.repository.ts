import type { Kysely } from 'kysely';
import type { Executor } from '../../auth/user.repository.js';
import type { Schema } from '../../platform/db/schema.js';
import type { RedactionRenderRow } from '../review/review.table.js';

/** The columns migration 0022 added to redaction_renders for durable render jobs (besides the lease). */
interface RenderJobColumns {
  password_sealed: string | null;
  created_by_role: string | null;
}

function jobs(ex: Executor) {
  return (ex as Kysely<Schema>).withTables<{ redaction_renders: RenderJobColumns }>();
}

/**
 * A render job's own columns: the package password, sealed until the render ends (so a worker that
 * takes the job over after a crash builds the package with the password the operator was shown), and
 * the role of who started it (for the derived export's logboek entry). Only this file touches them.
 */
export class RenderJobRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async seal(id: string, passwordSealed: string, role: string | null, ex: Executor = this.db): Promise<void> {
    await jobs(ex).updateTable('redaction_renders').set({ password_sealed: passwordSealed, created_by_role: role }).where('id', '=', id).execute();
  }

  async sealed(id: string): Promise<RenderJobColumns | undefined> {
    return jobs(this.db).selectFrom('redaction_renders').select(['password_sealed', 'created_by_role']).where('id', '=', id).executeTakeFirst();
  }

  /** Sets a render's result fields (its state is moved by the lease: JobLeases.end) and wipes the sealed password. */
  async finish(id: string, fields: Partial<Pick<RedactionRenderRow, 'progress' | 'frames' | 'export_id' | 'error' | 'finished_at'>>, ex: Executor = this.db): Promise<void> {
    await jobs(ex).updateTable('redaction_renders').set({ ...fields, password_sealed: null }).where('id', '=', id).execute();
  }
}
