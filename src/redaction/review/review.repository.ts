import type { Kysely } from 'kysely';
import type { Executor } from '../../auth/user.repository.js';
import type { Schema } from '../../platform/db/schema.js';
import type { NewRedactionRender, RedactionRenderRow, RedactionReviewRow } from './review.table.js';

/** The redaction_reviews and redaction_renders tables (only this file touches them). */
export class ReviewRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async review(analysisId: string, ex: Executor = this.db): Promise<RedactionReviewRow | undefined> {
    return ex.selectFrom('redaction_reviews').selectAll().where('analysis_id', '=', analysisId).executeTakeFirst();
  }

  /** Stores a new version of the review; false when someone else saved since `expectedVersion`. */
  async saveReview(row: RedactionReviewRow, expectedVersion: number, ex: Executor = this.db): Promise<boolean> {
    if (expectedVersion === 0) {
      const existing = await this.review(row.analysis_id, ex);
      if (existing) return false;
      await ex.insertInto('redaction_reviews').values(row).execute();
      return true;
    }
    const result = await ex
      .updateTable('redaction_reviews')
      .set({ settings: row.settings, manual: row.manual, version: row.version, updated_at: row.updated_at, updated_by_name: row.updated_by_name })
      .where('analysis_id', '=', row.analysis_id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async insertRender(row: NewRedactionRender, ex: Executor = this.db): Promise<void> {
    await ex.insertInto('redaction_renders').values(row).execute();
  }

  async render(id: string, ex: Executor = this.db): Promise<RedactionRenderRow | undefined> {
    return ex.selectFrom('redaction_renders').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async renders(analysisId: string): Promise<RedactionRenderRow[]> {
    return this.db.selectFrom('redaction_renders').selectAll().where('analysis_id', '=', analysisId).orderBy('created_at', 'desc').execute();
  }

  async inState(states: readonly string[]): Promise<RedactionRenderRow[]> {
    return this.db.selectFrom('redaction_renders').selectAll().where('state', 'in', [...states]).execute();
  }

  async setProgress(id: string, progress: number): Promise<void> {
    await this.db.updateTable('redaction_renders').set({ progress }).where('id', '=', id).where('state', '=', 'running').execute();
  }

  /** Moves a render from one of `from` to `to` with the given fields; false if it was in no such state. */
  async transition(id: string, from: readonly string[], to: string, fields: Partial<Pick<RedactionRenderRow, 'progress' | 'frames' | 'export_id' | 'error' | 'finished_at'>>, ex: Executor = this.db): Promise<boolean> {
    const result = await ex.updateTable('redaction_renders').set({ ...fields, state: to }).where('id', '=', id).where('state', 'in', [...from]).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
