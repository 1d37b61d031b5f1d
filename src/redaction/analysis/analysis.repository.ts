import type { Kysely } from 'kysely';
import type { Executor } from '../../auth/user.repository.js';
import type { Schema } from '../../platform/db/schema.js';
import type { NewRedactionAnalysis, RedactionAnalysisRow, RedactionTrackRow } from '../redaction.table.js';
import type { AnalysisState } from './analysis.js';

/** The redaction_analyses and redaction_tracks tables (only this file touches them). */
export class AnalysisRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async insert(row: NewRedactionAnalysis, ex: Executor = this.db): Promise<void> {
    await ex.insertInto('redaction_analyses').values(row).execute();
  }

  async get(id: string, ex: Executor = this.db): Promise<RedactionAnalysisRow | undefined> {
    return ex.selectFrom('redaction_analyses').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async forCase(caseRef: string): Promise<RedactionAnalysisRow[]> {
    return this.db.selectFrom('redaction_analyses').selectAll().where('case_ref', '=', caseRef).orderBy('created_at', 'desc').execute();
  }

  async inState(states: readonly AnalysisState[]): Promise<RedactionAnalysisRow[]> {
    return this.db.selectFrom('redaction_analyses').selectAll().where('state', 'in', [...states]).orderBy('created_at').execute();
  }

  /** Moves a job from one of `from` to `to` (with the given fields); returns whether this call did. */
  async transition(id: string, from: readonly AnalysisState[], to: AnalysisState, set: Partial<RedactionAnalysisRow>, ex: Executor = this.db): Promise<boolean> {
    const result = await ex.updateTable('redaction_analyses').set({ ...set, state: to }).where('id', '=', id).where('state', 'in', [...from]).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Sets fields of a job without changing its state (the lease decides who may: src/redaction/jobs/job-leases.ts). */
  async update(id: string, set: Partial<Omit<RedactionAnalysisRow, 'id' | 'state'>>, ex: Executor = this.db): Promise<void> {
    await ex.updateTable('redaction_analyses').set(set).where('id', '=', id).execute();
  }

  async setProgress(id: string, progress: number): Promise<void> {
    await this.db.updateTable('redaction_analyses').set({ progress }).where('id', '=', id).where('state', '=', 'running').execute();
  }

  async replaceTracks(analysisId: string, rows: readonly StoredTrackRow[], ex: Executor): Promise<void> {
    const db = withThumbnailDay(ex);
    await db.deleteFrom('redaction_tracks').where('analysis_id', '=', analysisId).execute();
    for (let i = 0; i < rows.length; i += 100) await db.insertInto('redaction_tracks').values(rows.slice(i, i + 100)).execute();
  }

  async tracks(analysisId: string): Promise<StoredTrackRow[]> {
    return withThumbnailDay(this.db).selectFrom('redaction_tracks').selectAll().where('analysis_id', '=', analysisId).orderBy('first_ms').orderBy('track_id').execute();
  }

  async track(analysisId: string, trackId: string): Promise<StoredTrackRow | undefined> {
    return withThumbnailDay(this.db).selectFrom('redaction_tracks').selectAll().where('analysis_id', '=', analysisId).where('track_id', '=', trackId).executeTakeFirst();
  }
}

/**
 * A track row with the UTC day whose key seals its thumbnail (migration 0022; null for a thumbnail
 * made before thumbnails were encrypted). The column is added to the table's type here, where the
 * table is read and written.
 */
export type StoredTrackRow = RedactionTrackRow & { thumbnail_day: string | null };

function withThumbnailDay(ex: Executor) {
  return (ex as Kysely<Schema>).withTables<{ redaction_tracks: { thumbnail_day: string | null } }>();
}
