/**
 * Domain types of the recorder and the pure rules about names and times (no I/O).
 *
 * Every instant in the index is UTC (ISO-8601 text with milliseconds, as everywhere in the
 * database); the UI converts to Europe/Amsterdam, so daylight-saving changes never reach the index.
 */

export type RecordingMode = 'continuous' | 'motion';

/** One recorded segment as the index knows it. */
export interface Segment {
  id: number;
  cameraId: string;
  /** UTC day (YYYY-MM-DD) of the segment's start: the day key that encrypts it. */
  day: string;
  start: Date;
  end: Date;
  durationMs: number;
  /** Plaintext size. */
  bytes: number;
  storedBytes: number;
  /** Share of the picture that changed between keyframes (0–1); null when it could not be measured. */
  motion: number | null;
  storageKey: string;
}

/**
 * The part of a hold ("veiligstellen") that retention decisions need: footage in [from, to) of the
 * hold's cameras must not be deleted while it is active (released null). The full record is in hold.ts.
 */
export interface HoldWindow {
  from: Date;
  to: Date;
  releasedAt: Date | null;
}

export type TimeRange = { start: Date; end: Date };

const safeId = /^[A-Za-z0-9_-]{1,64}$/;

/** Camera ids become directory names and storage-key prefixes: only a safe alphabet is accepted. */
export function assertSafeId(id: string, what = 'camera id'): string {
  if (!safeId.test(id)) throw new Error(`unsafe ${what}: ${JSON.stringify(id)}`);
  return id;
}

/** The UTC day (YYYY-MM-DD) an instant falls on. */
export function utcDay(at: Date | number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** The first instant after a UTC day. */
export function dayEnd(day: string): Date {
  const start = Date.parse(`${day}T00:00:00.000Z`);
  if (Number.isNaN(start)) throw new Error(`not a day: ${day}`);
  return new Date(start + 86_400_000);
}

/** The name under which a camera's day key is known (and bound into its wrapping). */
export function dayKeyName(cameraId: string, day: string): string {
  return `${assertSafeId(cameraId)}/${day}`;
}

/**
 * Where a segment lies in the footage store: camera / UTC day / run / file. It depends only on
 * the camera, the ffmpeg run and the file ffmpeg wrote, so ingesting the same spool file again
 * after a crash writes the same object (idempotent) instead of an orphan next to it.
 */
export function storageKey(cameraId: string, day: string, runId: string, file: string): string {
  const stem = file.replace(/\.[a-z0-9]+$/i, '');
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(stem)) throw new Error(`unexpected segment file name: ${file}`);
  return `${dayKeyName(cameraId, day)}/${assertSafeId(runId, 'run id')}-${stem}.seg`;
}

/** A run directory's name: its UTC start (compact) and a random suffix, e.g. 20260302T101500Z-3f9a. */
export function runId(at: Date, suffix: string): string {
  return `${compactUtc(at)}-${suffix}`;
}

export function compactUtc(at: Date): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/** ffmpeg numbers a run's segment files 000000.mp4, 000001.mp4, …: never two with one name, however fast they come. */
export function isSegmentFile(file: string): boolean {
  return /^\d{6,9}\.mp4$/.test(file);
}

/** One line of ffmpeg's segment list (csv): the file and its start and end in stream seconds. */
export interface SegmentListEntry {
  file: string;
  start: number;
  end: number;
}

/** Parses the complete lines of a csv segment list; a trailing partial line is left for later. */
export function parseSegmentList(text: string): { entries: SegmentListEntry[]; consumed: number } {
  const entries: SegmentListEntry[] = [];
  let consumed = 0;
  let from = 0;
  for (;;) {
    const nl = text.indexOf('\n', from);
    if (nl < 0) break;
    const line = text.slice(from, nl).trim();
    from = nl + 1;
    consumed = from;
    if (!line) continue;
    const [file, start, end] = line.split(',');
    const s = Number(start);
    const e = Number(end);
    if (!file || !Number.isFinite(s) || !Number.isFinite(e) || e < s) continue;
    entries.push({ file, start: s, end: e });
  }
  return { entries, consumed };
}

/**
 * Where a run's stream time 0 lies on the UTC time line, estimated from observations of "stream
 * time t had been written by wall-clock instant w" — in the recorder, a segment file's modification
 * time (w) and its end in the segment list (t): ffmpeg closes a segment when the packet at its end
 * arrives. w − t is the run's start plus a lag; the smallest value seen early in the run has the
 * least lag. Within the run segments are then placed by stream time, so a wall-clock jump
 * during the run moves nothing.
 */
export function refineAnchor(current: number | null, wallMs: number, outTimeUs: number): number {
  const candidate = Math.round(wallMs - outTimeUs / 1000);
  return current === null ? candidate : Math.min(current, candidate);
}

/**
 * Places a segment on the index's time line. It starts where the stream says, but never before the
 * end of the camera's previous segment: after a wall clock that jumped back between two runs the
 * new run is shifted forward rather than overlapping. Its length is always its own duration.
 */
export function placeSegment(rawStartMs: number, durationMs: number, previousEndMs: number | null): { start: Date; end: Date } {
  const start = previousEndMs === null ? rawStartMs : Math.max(rawStartMs, previousEndMs);
  return { start: new Date(start), end: new Date(start + Math.max(0, Math.round(durationMs))) };
}

/** Whether two half-open ranges [start, end) share an instant. */
export function overlaps(a: TimeRange, b: { start: Date; end: Date }): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}
