import { invalid, notFound } from '../platform/errors.js';
import { recordStep, type CaseActor, type CaseDeps } from './case-context.js';
import { toCaseRequest } from './request.repository.js';
import { finishedStates } from './request.js';

/** The recorder's segment index as the cases see it (SegmentRepository.between has this shape). */
export interface FootageIndex {
  between(cameraId: string, from: Date, to: Date): Promise<{ start: Date; end: Date }[]>;
}

export interface FootageFound {
  cameraId: string;
  cameraName: string;
  segments: number;
  /** Seconds of the window the segments cover. */
  coveredSeconds: number;
  first: string | null;
  last: string | null;
}

/**
 * Looks up which footage exists for a request's window (issue 7: "search the footage for that
 * window"): per camera, how much of the window the recorder's index holds. No footage is shown;
 * the search is a step of the request (fact footage_searched) and an entry in the logboek.
 */
export async function searchFootage(d: CaseDeps, index: FootageIndex | null, requestId: string, by: CaseActor): Promise<{ available: boolean; found: FootageFound[] }> {
  const row = await d.requests.findById(requestId);
  if (!row) throw notFound('request_not_found', `No request ${requestId}`);
  const request = toCaseRequest(row);
  const window = request.details.window;
  if (!window) throw invalid('window_required', 'The request names no time window to search', 'details.window');
  if (!index) return { available: false, found: [] };
  const cameras = await d.cameras.list();
  const siteId = window.siteId ?? null;
  const ids = window.cameraIds?.length ? window.cameraIds : siteId ? cameras.filter((c) => c.siteId === siteId).map((c) => c.id) : cameras.map((c) => c.id);
  const from = new Date(window.from);
  const to = new Date(window.to);
  const found: FootageFound[] = [];
  for (const cameraId of ids) {
    const segments = await index.between(cameraId, from, to);
    const covered = segments.reduce((sum, s) => sum + Math.max(0, Math.min(s.end.getTime(), to.getTime()) - Math.max(s.start.getTime(), from.getTime())), 0);
    found.push({
      cameraId, cameraName: cameras.find((c) => c.id === cameraId)?.name ?? cameraId, segments: segments.length, coveredSeconds: Math.round(covered / 1000),
      first: segments[0]?.start.toISOString() ?? null, last: segments.at(-1)?.end.toISOString() ?? null,
    });
  }
  if (!finishedStates.includes(request.state)) {
    const note = found.map((f) => `${f.cameraName}: ${f.coveredSeconds} s`).join('; ') || 'no cameras';
    await d.db.transaction().execute(async (trx) => {
      const facts = { ...request.facts, footage_searched: { at: d.clock.now().toISOString(), by: by.name, note } };
      await d.requests.setFacts(request.id, JSON.stringify(facts), trx);
      await recordStep(d, trx, { actor: by, caseRef: request.ref, action: 'request.footage_searched', subject: { from: window.from, to: window.to, found: found.map(({ cameraId, segments, coveredSeconds }) => ({ cameraId, segments, coveredSeconds })) } });
    });
  }
  return { available: true, found };
}
