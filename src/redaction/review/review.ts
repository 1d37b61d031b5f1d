import type { Box, RedactionSettings, Track } from '../track.js';

/**
 * The operator's review of an analysis (issue 9 item 2), pure rules. The review chooses the mode
 * (keep-only for a data subject's copy: WEL-14, MOZ-4.1/4.2, WCP-7, DOM-11; redact-detected for
 * third parties and the police, who need context), the style, which detected tracks are the
 * requester (kept), the margin and hold, and manual boxes for what the detector missed.
 */
export interface ManualKeyframe extends Box {
  /** Milliseconds from the analysed clip's start. */
  readonly t: number;
}

/**
 * A manual box: one or more keyframes, linearly interpolated between them. Before its first and after
 * its last keyframe it stays where it is for the rest of the clip — a manual box redacts too much
 * rather than too little.
 */
export interface ManualBox {
  readonly id: string;
  readonly label: string;
  readonly keyframes: readonly ManualKeyframe[];
}

export interface ReviewChoices {
  readonly settings: RedactionSettings;
  readonly manual: readonly ManualBox[];
}

export interface Review extends ReviewChoices {
  readonly analysisId: string;
  /** 0 until the operator saved a review (the defaults for the request's kind). */
  readonly version: number;
  readonly updatedAt: string | null;
  readonly updatedBy: string | null;
}

export const maxManualBoxes = 50;
export const maxKeyframes = 20;
export const maxHoldFrames = 50;

export function defaultChoices(requestKind: string): ReviewChoices {
  return {
    settings: { mode: requestKind === 'access' ? 'keep-only' : 'redact-detected', style: 'pixelate', keep: [], margin: 0.15, holdFrames: 5 },
    manual: [],
  };
}

/** What is wrong with these choices for an analysis with these tracks and this clip length, or null. */
export function choicesProblem(c: ReviewChoices, tracks: readonly Pick<Track, 'id' | 'kind'>[], clipMs: number): string | null {
  const s = c.settings;
  if (s.mode !== 'keep-only' && s.mode !== 'redact-detected') return 'mode is keep-only or redact-detected';
  if (s.style !== 'fill' && s.style !== 'pixelate') return 'style is fill or pixelate';
  if (!(s.margin >= 0 && s.margin <= 1)) return 'margin is a share of the box from 0 to 1';
  if (!Number.isInteger(s.holdFrames) || s.holdFrames < 0 || s.holdFrames > maxHoldFrames) return `holdFrames is a whole number from 0 to ${maxHoldFrames}`;
  const detected = new Set(tracks.filter((t) => t.kind !== 'manual').map((t) => t.id));
  const unknown = s.keep.filter((id) => !detected.has(id));
  if (unknown.length) return `kept track(s) not found in this analysis: ${unknown.join(', ')}`;
  if (new Set(s.keep).size !== s.keep.length) return 'a track is kept twice';
  if (c.manual.length > maxManualBoxes) return `at most ${maxManualBoxes} manual boxes`;
  const ids = new Set<string>();
  for (const m of c.manual) {
    if (!/^m\d{1,4}$/.test(m.id)) return `manual box ids are m1, m2, …, not ${m.id}`;
    if (ids.has(m.id)) return `manual box ${m.id} appears twice`;
    ids.add(m.id);
    if (m.keyframes.length < 1 || m.keyframes.length > maxKeyframes) return `manual box ${m.id} needs 1 to ${maxKeyframes} keyframes`;
    let last = -1;
    for (const k of m.keyframes) {
      if (!(k.t >= 0 && k.t <= clipMs)) return `manual box ${m.id}: keyframe time ${k.t} ms is outside the clip (0–${clipMs} ms)`;
      if (k.t <= last) return `manual box ${m.id}: keyframes are in time order, one per instant`;
      last = k.t;
      if (!(k.w > 0 && k.h > 0 && k.x >= 0 && k.y >= 0 && k.x + k.w <= 1 + 1e-9 && k.y + k.h <= 1 + 1e-9)) return `manual box ${m.id}: a box lies inside the frame (0..1) and is not empty`;
    }
  }
  return null;
}

/** A manual box as a track of kind 'manual' covering the whole clip [0, clipMs]. */
export function manualTrack(m: ManualBox, clipMs: number): Track {
  const keys = [...m.keyframes].sort((a, b) => a.t - b.t);
  const first = keys[0]!;
  const last = keys[keys.length - 1]!;
  const box = (k: ManualKeyframe, t: number) => ({ t, x: k.x, y: k.y, w: k.w, h: k.h, score: 1, interpolated: false });
  const boxes = [...(first.t > 0 ? [box(first, 0)] : []), ...keys.map((k) => box(k, k.t)), ...(last.t < clipMs ? [box(last, clipMs)] : [])];
  return { id: m.id, kind: 'manual', boxes };
}

/** The tracks a render applies: the analysis' detected tracks plus the manual ones. */
export function renderTracks(detected: readonly Track[], manual: readonly ManualBox[], clipMs: number): Track[] {
  return [...detected.filter((t) => t.kind !== 'manual'), ...manual.map((m) => manualTrack(m, clipMs))];
}

/** The logboek's record of a saved review: every choice, no footage. */
export function reviewLogSubject(analysisId: string, c: ReviewChoices, version: number): Record<string, unknown> {
  return {
    analysisId, version, mode: c.settings.mode, style: c.settings.style, keep: c.settings.keep, margin: c.settings.margin, holdFrames: c.settings.holdFrames,
    manual: c.manual.map((m) => ({ id: m.id, label: m.label, keyframes: m.keyframes.map((k) => ({ t: k.t, x: round(k.x), y: round(k.y), w: round(k.w), h: round(k.h) })) })),
  };
}

const round = (v: number) => Math.round(v * 1e4) / 1e4;
