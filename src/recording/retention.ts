import { dayEnd, overlaps, type HoldWindow, type TimeRange } from './segment.js';

/**
 * Retention decisions (pure, injected time; INV-1, INV-2, INV-9). The sweep and every other
 * deletion path ask these functions, and the deleting SQL statement repeats the hold check.
 */

const dayMs = 86_400_000;

/** Footage that starts before the cutoff holds pictures older than the retention limit. */
export function retentionCutoff(now: Date, limitDays: number): Date {
  if (!(limitDays > 0)) throw new Error('a retention limit is a positive number of days');
  return new Date(now.getTime() - limitDays * dayMs);
}

/**
 * A segment is expired as soon as any of its footage is older than the limit: its start lies
 * before the cutoff. (The last seconds of such a segment are younger than the limit; a segment is
 * the smallest unit that is kept or destroyed, and retention is a maximum.)
 */
export function isExpired(segment: { start: Date }, cutoff: Date): boolean {
  return segment.start.getTime() < cutoff.getTime();
}

export function isActive(hold: Pick<HoldWindow, 'releasedAt'>): boolean {
  return hold.releasedAt === null;
}

/** The active hold that covers any instant of the segment, if there is one. */
export function heldBy<H extends HoldWindow>(segment: TimeRange, holds: readonly H[]): H | undefined {
  return holds.find((hold) => isActive(hold) && overlaps(segment, { start: hold.from, end: hold.to }));
}

export type SweepDecision = 'keep' | 'delete' | 'held';

export function sweepDecision(segment: TimeRange, cutoff: Date, holds: readonly HoldWindow[]): SweepDecision {
  if (!isExpired(segment, cutoff)) return 'keep';
  return heldBy(segment, holds) ? 'held' : 'delete';
}

/** A range of segment start times [from, to); from null: from the beginning. */
export interface StartRange {
  from: Date | null;
  to: Date;
}

/**
 * The start-time ranges the sweep has to read: everything before the cutoff except the active
 * holds' windows. A segment that starts inside a hold window is held for certain, so held footage
 * is skipped by the index instead of being read again at every sweep: the sweep's cost follows
 * what expires plus the number of holds, not the footage kept. Segments in a returned range may
 * still overlap a hold that starts later; the caller checks each one with heldBy().
 */
export function unheldStartRanges(cutoff: Date, holds: readonly HoldWindow[]): StartRange[] {
  const windows = holds
    .filter(isActive)
    .map((h) => ({ from: h.from.getTime(), to: h.to.getTime() }))
    .filter((w) => w.from < cutoff.getTime() && w.to > w.from)
    .sort((a, b) => a.from - b.from);
  const ranges: StartRange[] = [];
  let cursor: number | null = null;
  for (const w of windows) {
    if (cursor !== null && w.to <= cursor) continue;
    if (cursor === null || w.from > cursor) ranges.push({ from: cursor === null ? null : new Date(cursor), to: new Date(w.from) });
    cursor = cursor === null ? w.to : Math.max(cursor, w.to);
  }
  if (cursor === null) return [{ from: null, to: cutoff }];
  if (cursor < cutoff.getTime()) ranges.push({ from: new Date(cursor), to: cutoff });
  return ranges;
}

/** The complement within [-∞, cutoff): merged active hold windows clipped at the cutoff (to count held footage). */
export function heldStartRanges(cutoff: Date, holds: readonly HoldWindow[]): { from: Date; to: Date }[] {
  const merged: { from: number; to: number }[] = [];
  const windows = holds
    .filter(isActive)
    .map((h) => ({ from: h.from.getTime(), to: Math.min(h.to.getTime(), cutoff.getTime()) }))
    .filter((w) => w.to > w.from)
    .sort((a, b) => a.from - b.from);
  for (const w of windows) {
    const last = merged[merged.length - 1];
    if (last && w.from <= last.to) last.to = Math.max(last.to, w.to);
    else merged.push({ ...w });
  }
  return merged.map((w) => ({ from: new Date(w.from), to: new Date(w.to) }));
}

/**
 * INV-9: a day's key may be destroyed once every segment that starts on that day is past the
 * cutoff (the whole day is) and none of them is left in the index.
 */
export function dayKeyDestroyable(day: string, cutoff: Date, remainingSegments: number): boolean {
  return remainingSegments === 0 && dayEnd(day).getTime() <= cutoff.getTime();
}

export interface MotionCandidate extends TimeRange {
  id: number;
  motion: number | null;
}

/**
 * The `motion` recording mode (SOE-0, WCP-6): keep only segments with motion, plus a margin
 * before and after. Segments are decided once the footage up to their end + margin is known
 * (`knownUntil`, the end of the newest indexed segment); undecided ones are left for later.
 * A segment whose motion could not be measured is kept (no evidence is thrown away on doubt).
 */
export function motionPrune(
  segments: readonly MotionCandidate[],
  options: { threshold: number; marginMs: number; knownUntil: Date },
): { drop: number[]; decidedUntil: Date | null } {
  const sorted = [...segments].sort((a, b) => a.start.getTime() - b.start.getTime());
  const moving = sorted.filter((s) => s.motion === null || s.motion >= options.threshold);
  const drop: number[] = [];
  let decidedUntil: Date | null = null;
  for (const segment of sorted) {
    if (segment.end.getTime() + options.marginMs > options.knownUntil.getTime()) break;
    const window = { start: new Date(segment.start.getTime() - options.marginMs), end: new Date(segment.end.getTime() + options.marginMs) };
    if (!moving.some((m) => overlaps(window, m))) drop.push(segment.id);
    decidedUntil = segment.end;
  }
  return { drop, decidedUntil };
}

export interface PressureCandidate {
  id: number;
  storedBytes: number;
  held: boolean;
}

/**
 * Disk pressure: below the free-space floor the oldest unheld footage goes first, until the floor
 * plus a margin is free again; held footage is never chosen (INV-2). `exhausted` says these
 * candidates do not suffice; when they were all that is left, recording stops for this store.
 */
export function pressurePlan(
  freeBytes: number,
  floorBytes: number,
  oldestFirst: readonly PressureCandidate[],
  marginBytes = Math.round(floorBytes * 0.1),
): { delete: number[]; freedBytes: number; exhausted: boolean } {
  const needed = floorBytes + marginBytes - freeBytes;
  if (freeBytes >= floorBytes) return { delete: [], freedBytes: 0, exhausted: false };
  const chosen: number[] = [];
  let freed = 0;
  for (const candidate of oldestFirst) {
    if (freed >= needed) break;
    if (candidate.held) continue;
    chosen.push(candidate.id);
    freed += candidate.storedBytes;
  }
  return { delete: chosen, freedBytes: freed, exhausted: freed < needed };
}
