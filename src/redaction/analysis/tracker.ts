import type { Detection } from '../detectors/detector.js';
import { iou } from '../detectors/detector.js';
import type { Box, Track, TrackBox, TrackKind } from '../track.js';

/**
 * Multi-object tracking by detection (pure, no I/O): each analysed frame's detections are matched
 * to the open tracks of the same kind by the overlap (IoU) with each track's predicted box — its
 * last box moved by a smoothed constant velocity — or, for small fast figures that no longer
 * overlap, by centre distance relative to the box size. Unmatched detections open tracks; a track
 * unmatched for longer than `maxGapMs` closes. Frames a track missed and then was found again get
 * interpolated boxes (flagged), so the track is continuous. Every detection ends in some track:
 * nothing detected is dropped (fail-safe for redaction).
 */
export interface TrackerOptions {
  /** Least IoU between predicted and detected box to match. */
  minIou?: number;
  /** Largest centre distance, in predicted-box diagonals, to match when boxes do not overlap enough. */
  maxCentreDistance?: number;
  /** A track not seen for this long closes. */
  maxGapMs?: number;
  /** Weight of the newest velocity measurement (exponential smoothing, 0..1). */
  velocitySmoothing?: number;
}

interface OpenTrack {
  id: string;
  kind: Exclude<TrackKind, 'manual'>;
  boxes: TrackBox[];
  /** Velocity in normalised units per ms. */
  vx: number;
  vy: number;
  /** Times of analysed frames since the last detection (for interpolation when found again). */
  missed: number[];
  best: { t: number; score: number; box: Box };
}

export interface TrackerResult {
  tracks: Track[];
  /** Per track: the time and box of its best-scoring detection (for the thumbnail). */
  best: Map<string, { t: number; score: number; box: Box }>;
}

export class Tracker {
  private readonly open: OpenTrack[] = [];
  private readonly closed: OpenTrack[] = [];
  private next = 1;
  private readonly o: Required<TrackerOptions>;

  constructor(options: TrackerOptions = {}) {
    this.o = { minIou: 0.1, maxCentreDistance: 1.0, maxGapMs: 1500, velocitySmoothing: 0.5, ...options };
  }

  /** Feeds one analysed frame at time t (ms, increasing). Returns the ids of the tracks the detections went to, in order. */
  update(t: number, detections: readonly Detection[]): string[] {
    for (const track of [...this.open]) {
      if (t - track.boxes[track.boxes.length - 1]!.t > this.o.maxGapMs) this.close(track);
    }
    const pairs: { track: OpenTrack; det: number; cost: number }[] = [];
    for (const track of this.open) {
      const predicted = this.predict(track, t);
      detections.forEach((d, i) => {
        if (d.kind !== track.kind) return;
        const overlap = iou(predicted, d.box);
        if (overlap >= this.o.minIou) {
          pairs.push({ track, det: i, cost: 1 - overlap });
          return;
        }
        const diag = Math.hypot(predicted.w, predicted.h);
        const dist = Math.hypot(predicted.x + predicted.w / 2 - (d.box.x + d.box.w / 2), predicted.y + predicted.h / 2 - (d.box.y + d.box.h / 2));
        const sizeRatio = (d.box.w * d.box.h) / Math.max(1e-9, predicted.w * predicted.h);
        if (diag > 0 && dist / diag <= this.o.maxCentreDistance && sizeRatio > 0.25 && sizeRatio < 4) pairs.push({ track, det: i, cost: 1 + dist / diag });
      });
    }
    pairs.sort((a, b) => a.cost - b.cost);
    const assigned: (string | undefined)[] = new Array(detections.length);
    const matched = new Set<OpenTrack>();
    for (const pair of pairs) {
      if (matched.has(pair.track) || assigned[pair.det] !== undefined) continue;
      matched.add(pair.track);
      assigned[pair.det] = pair.track.id;
      this.extend(pair.track, t, detections[pair.det]!);
    }
    detections.forEach((d, i) => {
      if (assigned[i] !== undefined) return;
      const track: OpenTrack = { id: `t${this.next++}`, kind: d.kind, boxes: [{ ...d.box, t, score: d.score, interpolated: false }], vx: 0, vy: 0, missed: [], best: { t, score: d.score, box: d.box } };
      this.open.push(track);
      assigned[i] = track.id;
    });
    for (const track of this.open) if (!matched.has(track) && track.boxes[track.boxes.length - 1]!.t < t) track.missed.push(t);
    return assigned as string[];
  }

  /** Closes every track and returns them all, ordered by first appearance. */
  finish(): TrackerResult {
    for (const track of [...this.open]) this.close(track);
    const all = [...this.closed].sort((a, b) => a.boxes[0]!.t - b.boxes[0]!.t || Number(a.id.slice(1)) - Number(b.id.slice(1)));
    return {
      tracks: all.map((t) => ({ id: t.id, kind: t.kind, boxes: t.boxes })),
      best: new Map(all.map((t) => [t.id, t.best])),
    };
  }

  /** The best detection so far of an open or closed track. */
  bestOf(id: string): { t: number; score: number; box: Box } | undefined {
    return (this.open.find((t) => t.id === id) ?? this.closed.find((t) => t.id === id))?.best;
  }

  private predict(track: OpenTrack, t: number): Box {
    const last = track.boxes[track.boxes.length - 1]!;
    const dt = t - last.t;
    return { x: last.x + track.vx * dt, y: last.y + track.vy * dt, w: last.w, h: last.h };
  }

  private extend(track: OpenTrack, t: number, d: Detection): void {
    const last = track.boxes[track.boxes.length - 1]!;
    const dt = t - last.t;
    if (dt > 0) {
      const a = this.o.velocitySmoothing;
      const vx = (d.box.x + d.box.w / 2 - (last.x + last.w / 2)) / dt;
      const vy = (d.box.y + d.box.h / 2 - (last.y + last.h / 2)) / dt;
      track.vx = track.boxes.length === 1 ? vx : a * vx + (1 - a) * track.vx;
      track.vy = track.boxes.length === 1 ? vy : a * vy + (1 - a) * track.vy;
    }
    // Frames missed in between get boxes interpolated between the last and this detection.
    for (const tm of track.missed) {
      if (tm <= last.t || tm >= t) continue;
      const f = (tm - last.t) / (t - last.t);
      track.boxes.push({
        t: tm, x: last.x + (d.box.x - last.x) * f, y: last.y + (d.box.y - last.y) * f, w: last.w + (d.box.w - last.w) * f, h: last.h + (d.box.h - last.h) * f,
        score: Math.min(last.score, d.score), interpolated: true,
      });
    }
    track.missed = [];
    track.boxes.push({ ...d.box, t, score: d.score, interpolated: false });
    if (d.score > track.best.score || (d.score === track.best.score && d.box.w * d.box.h > track.best.box.w * track.best.box.h)) track.best = { t, score: d.score, box: d.box };
  }

  private close(track: OpenTrack): void {
    this.open.splice(this.open.indexOf(track), 1);
    this.closed.push(track);
  }
}
