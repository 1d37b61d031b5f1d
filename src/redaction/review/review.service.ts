import type { Kysely } from 'kysely';
import type { Logbook } from '../../logbook/logbook.service.js';
import type { Clock } from '../../platform/clock.js';
import type { Schema } from '../../platform/db/schema.js';
import { conflict, invalid } from '../../platform/errors.js';
import type { AnalysisActor } from '../analysis/analysis.service.js';
import type { AnalysisSummary } from '../analysis/analysis.js';
import type { RedactionSettings, Track } from '../track.js';
import { choicesProblem, defaultChoices, reviewLogSubject, type ManualBox, type Review, type ReviewChoices } from './review.js';
import type { ReviewRepository } from './review.repository.js';

/** What the review needs from the analysis: the job and its tracks (done jobs only). */
export interface ReviewedAnalyses {
  get(id: string): Promise<AnalysisSummary>;
  tracks(id: string): Promise<Track[]>;
}

export interface ReviewServiceDeps {
  db: Kysely<Schema>;
  reviews: ReviewRepository;
  logbook: Logbook;
  clock: Clock;
  analyses: ReviewedAnalyses;
  requests: { get(id: string): Promise<{ kind: string }> };
}

export const clipMsOf = (a: AnalysisSummary): number => new Date(a.clip.end).getTime() - new Date(a.clip.start).getTime();

/**
 * The operator's choices per analysis (issue 9 item 2): stored per analysis, versioned (a save names
 * the version it changes, so two operators do not overwrite each other unseen), and every save is
 * logged in the logboek with all choices (kept tracks, mode, style, margin, hold, manual boxes).
 */
export class ReviewService {
  constructor(private readonly d: ReviewServiceDeps) {}

  async get(analysisId: string): Promise<Review> {
    const analysis = await this.d.analyses.get(analysisId);
    const row = await this.d.reviews.review(analysisId);
    if (!row) {
      const request = await this.d.requests.get(analysis.requestId);
      return { analysisId, ...defaultChoices(request.kind), version: 0, updatedAt: null, updatedBy: null };
    }
    return {
      analysisId, settings: JSON.parse(row.settings) as RedactionSettings, manual: JSON.parse(row.manual) as ManualBox[],
      version: Number(row.version), updatedAt: row.updated_at, updatedBy: row.updated_by_name,
    };
  }

  async save(analysisId: string, input: ReviewChoices & { version: number }, by: AnalysisActor): Promise<Review> {
    const analysis = await this.d.analyses.get(analysisId);
    const tracks = await this.d.analyses.tracks(analysisId);
    const problem = choicesProblem(input, tracks, clipMsOf(analysis));
    if (problem) throw invalid('redaction_review', problem, 'review');
    const choices: ReviewChoices = {
      settings: { mode: input.settings.mode, style: input.settings.style, keep: [...input.settings.keep], margin: input.settings.margin, holdFrames: input.settings.holdFrames },
      manual: input.manual.map((m) => ({ id: m.id, label: m.label.trim().slice(0, 80), keyframes: m.keyframes.map((k) => ({ t: Math.round(k.t), x: k.x, y: k.y, w: k.w, h: k.h })) })),
    };
    const version = input.version + 1;
    const now = this.d.clock.now().toISOString();
    await this.d.db.transaction().execute(async (trx) => {
      const saved = await this.d.reviews.saveReview(
        { analysis_id: analysisId, settings: JSON.stringify(choices.settings), manual: JSON.stringify(choices.manual), version, updated_at: now, updated_by_name: by.name },
        input.version, trx,
      );
      if (!saved) throw conflict('redaction_review_changed', 'Someone else saved this review in the meantime; reload it and make your choices again', 'version');
      await this.d.logbook.append(trx, {
        actor: by, action: 'redaction.review_saved', caseRef: analysis.caseRef, reason: `redactie voor verzoek ${analysis.caseRef}`,
        subject: { ...reviewLogSubject(analysisId, choices, version), cameras: [analysis.cameraId] },
      });
    });
    return this.get(analysisId);
  }
}
