/** Which segments make a clip and where footage is missing (pure; no I/O). */

export interface PlannedSegment {
  start: Date;
  end: Date;
}

export interface Gap {
  from: string;
  to: string;
}

export interface ClipPlan<S extends PlannedSegment> {
  segments: S[];
  /** The recorded span actually covered: from the first used segment's start to the last one's end (keyframe boundaries). */
  actualStart: Date | null;
  actualEnd: Date | null;
  /** Parts of the requested window without footage, longer than the tolerance. */
  gaps: Gap[];
}

/**
 * Segments overlapping [from, to) in time order, and the gaps between them (and at either end of the
 * window). Gaps shorter than `toleranceMs` (segment boundaries are never exact) are not reported.
 */
export function planClip<S extends PlannedSegment>(segments: readonly S[], from: Date, to: Date, toleranceMs = 1_500): ClipPlan<S> {
  const used = segments
    .filter((s) => s.start.getTime() < to.getTime() && s.end.getTime() > from.getTime())
    .sort((a, b) => a.start.getTime() - b.start.getTime());
  const gaps: Gap[] = [];
  let cursor = from.getTime();
  for (const s of used) {
    if (s.start.getTime() - cursor > toleranceMs) gaps.push({ from: new Date(cursor).toISOString(), to: s.start.toISOString() });
    cursor = Math.max(cursor, s.end.getTime());
  }
  if (to.getTime() - cursor > toleranceMs) gaps.push({ from: new Date(cursor).toISOString(), to: to.toISOString() });
  return {
    segments: used,
    actualStart: used[0]?.start ?? null,
    actualEnd: used.length ? new Date(Math.max(...used.map((s) => s.end.getTime()))) : null,
    gaps,
  };
}
