import type { Logbook } from '../../logbook/logbook.service.js';
import type { Clock } from '../../platform/clock.js';
import type { Kysely } from 'kysely';
import type { Schema } from '../../platform/db/schema.js';
import { conflict, invalid } from '../../platform/errors.js';
import type { FfmpegBinaries } from '../../recording/media-tools.js';
import type { AnalysisActor } from '../analysis/analysis.service.js';
import { choicesProblem, renderTracks, type ReviewChoices } from '../review/review.js';
import { clipMsOf, type ReviewedAnalyses } from '../review/review.service.js';
import { rasterizeMask } from '../../masks/polygon.js';
import { runCollect } from './child.js';
import { planFrame } from './frame-plan.js';
import { jpegArgs, stillArgs } from './render-args.js';
import { probeVideo } from './renderer.js';
import type { MaskPolygons, RenderFootage } from './render.service.js';
import { emptyMask, maskToSpans } from './row-spans.js';
import { FrameRedactor, yuv420pSize } from './yuv-redact.js';

export interface StillServiceDeps {
  db: Kysely<Schema>;
  logbook: Logbook;
  clock: Clock;
  analyses: ReviewedAnalyses;
  footage: RenderFootage;
  maskPolygons?: MaskPolygons;
  binaries: () => Promise<FfmpegBinaries>;
}

/**
 * One frame of an analysed clip as a JPEG, for the review's scrubber (issue 9 item 2): the original
 * (the UI draws the boxes over it), or the preview of the redacted result with the choices on screen
 * (saved or not). Only the segment holding the instant is read and decoded. Footage access (INV-3):
 * logged once per person, analysis and view per ten minutes, so scrubbing does not flood the logboek.
 */
export class StillService {
  private readonly seen = new Map<string, number>();

  constructor(private readonly d: StillServiceDeps) {}

  async still(analysisId: string, t: number, view: 'original' | 'redacted', choices: ReviewChoices | null, by: AnalysisActor): Promise<Buffer> {
    const analysis = await this.d.analyses.get(analysisId);
    if (analysis.state !== 'done') throw conflict('redaction_analysis_not_done', `The analysis is ${analysis.state}`);
    const clipMs = clipMsOf(analysis);
    if (!(t >= 0 && t <= clipMs)) throw invalid('redaction_still_time', `t is between 0 and ${clipMs} ms`, 't');
    const at = new Date(new Date(analysis.clip.start).getTime() + t);
    const segments = await this.d.footage.between(analysis.cameraId, new Date(at.getTime() - 60_000), new Date(at.getTime() + 60_000));
    // The segment holding the instant; at the clip's very end (or in a gap) the last one before it.
    const segment = segments.find((s) => s.start.getTime() <= at.getTime() && s.end.getTime() > at.getTime()) ?? segments.filter((s) => s.start.getTime() <= at.getTime()).at(-1);
    if (!segment) throw conflict('redaction_no_footage', 'There is no footage at this instant any more');
    const seek = Math.max(0, Math.min(at.getTime(), segment.end.getTime() - 100) - segment.start.getTime()) / 1000;
    const tracks = view === 'redacted' ? await this.d.analyses.tracks(analysisId) : [];
    if (view === 'redacted' && choices) {
      const problem = choicesProblem(choices, tracks, clipMs);
      if (problem) throw invalid('redaction_review', problem, 'review');
    }
    await this.log(analysis.caseRef, analysisId, analysis.cameraId, view, at, by);
    const binaries = await this.d.binaries();
    const data = await this.d.footage.read(segment);
    const { width, height, fps } = await probeVideo(binaries.ffprobe, 'pipe:0', data);
    const frame = await runCollect(binaries.ffmpeg, stillArgs(seek), data, 'still');
    if (frame.length < yuv420pSize(width, height)) throw conflict('redaction_no_footage', 'No frame could be decoded at this instant');
    if (view === 'redacted' && choices) {
      const polygons = (await this.d.maskPolygons?.(analysis.cameraId)) ?? [];
      const mask = polygons.length ? maskToSpans(rasterizeMask(polygons, width, height), width, height) : emptyMask(width, height);
      const all = renderTracks(tracks, choices.manual, clipMs);
      new FrameRedactor(width, height, mask).apply(frame, planFrame(all, choices.settings, t, { width, height, frameMs: 1000 / fps }), choices.settings.style);
    }
    return runCollect(binaries.ffmpeg, jpegArgs(width, height), frame.subarray(0, yuv420pSize(width, height)), 'jpeg');
  }

  private async log(caseRef: string, analysisId: string, cameraId: string, view: string, at: Date, by: AnalysisActor): Promise<void> {
    const key = `${analysisId}/${by.id ?? by.name}/${view}`;
    const now = this.d.clock.now().getTime();
    if ((this.seen.get(key) ?? -Infinity) >= now - 600_000) return;
    await this.d.logbook.append(this.d.db, {
      actor: by, action: 'redaction.frames_viewed', caseRef, reason: `redactie voor verzoek ${caseRef}`,
      subject: { analysisId, view, cameras: [cameraId], windows: [{ cameraId, from: at.toISOString(), to: at.toISOString() }] },
    });
    this.seen.set(key, now);
  }
}
