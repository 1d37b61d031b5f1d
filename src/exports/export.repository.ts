import type { Kysely } from 'kysely';
import type { Executor } from '../auth/user.repository.js';
import type { Schema } from '../platform/db/schema.js';
import type { ExportRow, NewExportRow } from './export.table.js';

/** The exports table (only this file touches it). */
export class ExportRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async insert(row: NewExportRow, ex: Executor = this.db): Promise<void> {
    await ex.insertInto('exports').values(row).execute();
  }

  async get(id: string, ex: Executor = this.db): Promise<ExportRow | undefined> {
    return ex.selectFrom('exports').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async forCase(caseRef: string, ex: Executor = this.db): Promise<ExportRow[]> {
    return ex.selectFrom('exports').selectAll().where('case_ref', '=', caseRef).orderBy('created_at', 'desc').execute();
  }

  async byPackageHash(sha256: string): Promise<ExportRow | undefined> {
    return this.db.selectFrom('exports').selectAll().where('package_sha256', '=', sha256).executeTakeFirst();
  }

  /** Packages still on the server (not on a removable drive) that were created before the instant. */
  async packagesCreatedBefore(at: string): Promise<ExportRow[]> {
    // Packages written to a removable drive (absolute path) left with the drive: nothing to delete here.
    return this.db.selectFrom('exports').selectAll().where('package_deleted_at', 'is', null).where('created_at', '<', at).where('package_file', 'not like', '/%')
      .orderBy('created_at').limit(500).execute();
  }

  async markPackageDeleted(id: string, at: string, ex: Executor): Promise<boolean> {
    const result = await ex.updateTable('exports').set({ package_deleted_at: at }).where('id', '=', id).where('package_deleted_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Records the hand-over unless one is recorded; returns whether this call did. */
  async markHandedOver(id: string, h: { at: string; by: string; to: string; identification: string }, ex: Executor): Promise<boolean> {
    const result = await ex
      .updateTable('exports')
      .set({ handed_over_at: h.at, handed_over_by_name: h.by, handed_over_to: h.to, handed_over_identification: h.identification })
      .where('id', '=', id)
      .where('handed_over_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Marks the package downloaded unless it was already; returns whether this call did. */
  async markDownloaded(id: string, at: string, by: string, ex: Executor): Promise<boolean> {
    const result = await ex.updateTable('exports').set({ downloaded_at: at, downloaded_by_name: by }).where('id', '=', id).where('downloaded_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
