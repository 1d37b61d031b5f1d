import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Box } from '../../../src/redaction/track.js';

/**
 * The hand-labelled real-footage set (labels.json, issue 9 item 5): persons in frames of OpenCV's
 * vtest.avi, boxes [x, y, w, h] in source pixels covering x..x+w-1 × y..y+h-1. How they were made
 * is recorded in the file itself ("method"). This module only reads and checks them (pure).
 */
export type PixelBox = readonly [number, number, number, number];

export interface LabelledPerson {
  id: string;
  body: PixelBox;
  /** null where the head is not visible (behind the sign, cut by the edge). */
  head: PixelBox | null;
  /** Cut by the frame edge or partly occluded. */
  partial: boolean;
}

export interface LabelledFrame {
  /** Frame number in the source; its time is frame × 1000 / fps ms. */
  frame: number;
  persons: LabelledPerson[];
}

export interface LabelSet {
  source: { file: string; sha256: string; width: number; height: number; fps: number; frames: number; origin: string; licence: string };
  method: { by: string; date: string; how: string; boxes: string; ids: string; verification: string };
  frames: LabelledFrame[];
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const labelsPath = path.join(here, 'labels.json');

export function loadLabels(file = labelsPath): LabelSet {
  const set = JSON.parse(fs.readFileSync(file, 'utf8')) as LabelSet;
  const problems = checkLabels(set);
  if (problems.length > 0) throw new Error(`${file}: ${problems.join('; ')}`);
  return set;
}

const isBox = (b: unknown): b is PixelBox => Array.isArray(b) && b.length === 4 && b.every((v) => Number.isInteger(v));

/** Every problem of a label set (empty when it is sound): boxes inside the frame and non-empty, heads inside their body, ids unique per frame, frames ordered. */
export function checkLabels(set: LabelSet): string[] {
  const problems: string[] = [];
  const { width, height, frames: total } = set.source;
  if (!/^[0-9a-f]{64}$/.test(set.source.sha256)) problems.push('source.sha256 is not a SHA-256');
  if (!set.method?.by || !set.method.verification) problems.push('method must say who labelled and how it was verified');
  let previous = -1;
  for (const f of set.frames) {
    if (!Number.isInteger(f.frame) || f.frame <= previous || f.frame >= total) problems.push(`frame ${f.frame}: out of order or outside 0..${total - 1}`);
    previous = f.frame;
    const ids = new Set<string>();
    for (const p of f.persons) {
      const where = `frame ${f.frame} ${p.id}`;
      if (ids.has(p.id)) problems.push(`${where}: id twice in one frame`);
      ids.add(p.id);
      if (!isBox(p.body)) { problems.push(`${where}: body is not [x, y, w, h] in whole pixels`); continue; }
      const [x, y, w, h] = p.body;
      if (w < 1 || h < 1 || x < 0 || y < 0 || x + w > width || y + h > height) problems.push(`${where}: body outside the ${width}×${height} frame or empty`);
      if (p.head !== null) {
        if (!isBox(p.head)) { problems.push(`${where}: head is not [x, y, w, h] or null`); continue; }
        const [hx, hy, hw, hh] = p.head;
        if (hw < 1 || hh < 1) problems.push(`${where}: empty head`);
        if (hx < x || hy < y || hx + hw > x + w || hy + hh > y + h) problems.push(`${where}: head not inside its body`);
      }
    }
  }
  return problems;
}

/** A pixel box as a normalised box (the analysis' and render's coordinates). */
export function normalise(b: PixelBox, width: number, height: number): Box {
  return { x: b[0] / width, y: b[1] / height, w: b[2] / width, h: b[3] / height };
}

/** The time of a source frame in ms from the clip's start. */
export function frameTime(frame: number, fps: number): number {
  return Math.round((frame * 1000) / fps);
}
