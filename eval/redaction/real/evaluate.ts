/**
 * Redaction on REAL footage against hand-labelled persons (issue 9 item 5). The footage is OpenCV's
 * sample video vtest.avi (scripts/fetch-eval-footage.sh; 768×576, 10 fps, 79.5 s, pedestrians seen
 * from above); the labels are eval/redaction/real/labels.json (by hand, see its "method").
 *
 * For every detector configuration the registry offers (each detector alone and every combination,
 * the default marked), the WHOLE clip goes through the analysis job's own pipeline
 * (src/redaction/analysis/analysis-pipeline.ts: MP4 → MPEG-TS remux → one ffmpeg decode at the
 * analysis width and fps → detectors → tracker). At each labelled frame the render's own frame plan
 * (src/redaction/render/frame-plan.ts, the review's default margin and hold) is rasterised at the
 * source size and compared with the labels (coverage.ts). It reports; it does not tune.
 *
 * The clip is re-encoded once to H.264 in fragmented MP4 (what the recorder stores; libx264 CRF 18,
 * cached as models/eval/opencv/vtest.mp4): one generation of compression more than the source.
 *
 *   node --import tsx eval/redaction/real/evaluate.ts [--width 640] [--fps 10] [--configs 'motion;motion+blazeface'] [--json out.json] [--masks DIR] [--record]
 *
 * --masks DIR writes, per configuration and labelled frame, a PNG of the source frame with what
 * redact-detected would redact tinted magenta and the labels outlined (body green, head red): to look at.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { runAnalysis, type PipelineResult } from '../../../src/redaction/analysis/analysis-pipeline.js';
import { defaultAnalysisSettings } from '../../../src/redaction/analysis/analysis.js';
import type { Detector, Frame } from '../../../src/redaction/detectors/detector.js';
import { DetectorRegistry } from '../../../src/redaction/detectors/registry.js';
import { redactionEnv } from '../../../src/redaction/redaction.module.js';
import { planFrame } from '../../../src/redaction/render/frame-plan.js';
import { defaultChoices } from '../../../src/redaction/review/review.js';
import type { RedactionSettings } from '../../../src/redaction/track.js';
import { machine } from '../../../bench/retention/results.js';
import { boxShare, planMask, requesterTracks, scoreMask, summariseReal, type LabelledFrameScore, type RealSummary } from './coverage.js';
import { frameTime, loadLabels, normalise, type LabelSet } from './labels.js';
import { withSubsection } from './record.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1]! : fallback; };
const width = Number(arg('width', String(defaultAnalysisSettings.width)));
const fps = Number(arg('fps', String(defaultAnalysisSettings.fps)));
const ffmpeg = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;
const env = redactionEnv(process.env);
const labels = loadLabels();
const { width: W, height: H } = labels.source;
const footage = path.join(env.modelsDir, 'eval', 'opencv', 'vtest.avi');
const review = defaultChoices('other').settings;

function footageMp4(): Buffer {
  if (!fs.existsSync(footage)) throw new Error(`${footage} missing: run bash scripts/fetch-eval-footage.sh`);
  const sha = createHash('sha256').update(fs.readFileSync(footage)).digest('hex');
  if (sha !== labels.source.sha256) throw new Error(`${footage}: SHA-256 ${sha} is not the labelled footage's ${labels.source.sha256}`);
  const mp4 = footage.replace(/\.avi$/, '.mp4');
  if (!fs.existsSync(mp4)) {
    const r = spawnSync(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-y', '-i', footage, '-map', '0:v:0', '-an', '-c:v', 'libx264', '-preset', 'medium', '-crf', '18', '-g', '20', '-pix_fmt', 'yuv420p',
      '-movflags', '+frag_keyframe+empty_moov+default_base_moof', '-f', 'mp4', `${mp4}.tmp`], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`re-encoding the footage failed: ${r.stderr}`);
    fs.renameSync(`${mp4}.tmp`, mp4);
  }
  return fs.readFileSync(mp4);
}

const clip = footageMp4();
const clipMs = Math.round((labels.source.frames * 1000) / labels.source.fps);
const analyse = (detectors: Detector[]): Promise<PipelineResult> => runAnalysis({
  ffmpeg, sources: [{ start: new Date(0), read: async () => clip }], clipStart: new Date(0), clipEnd: new Date(clipMs), fps, width, detectors,
});

/** A detector that finds nothing and keeps a small grey thumbnail of chosen frames (the time alignment check). */
function probe(times: Set<number>): Detector & { seen: Map<number, Float32Array> } {
  const seen = new Map<number, Float32Array>();
  let n = 0;
  return {
    name: 'probe', seen,
    async detect(frame: Frame) {
      const t = Math.round((n++ * 1000) / fps);
      if (times.has(t)) seen.set(t, thumb(frame.data, frame.width, frame.height));
      return [];
    },
  };
}

/** 32×24 mean-grey thumbnail of an RGB24 frame. */
function thumb(data: Uint8Array, w: number, h: number): Float32Array {
  const out = new Float32Array(32 * 24);
  const count = new Float32Array(32 * 24);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const i = Math.floor((y * 24) / h) * 32 + Math.floor((x * 32) / w);
    const p = (y * w + x) * 3;
    out[i]! += (data[p]! + data[p + 1]! + data[p + 2]!) / 3;
    count[i]! += 1;
  }
  return out.map((v, i) => v / count[i]!);
}

/** Checks that analysed frame n is source frame n: each labelled source frame, decoded straight from the AVI, is nearest to the analysed frame at its own time. */
async function alignmentCheck(set: LabelSet): Promise<string> {
  if (fps !== set.source.fps) return `time alignment not checked (analysis at ${fps} fps, source ${set.source.fps} fps: labelled frames between analysed ones get interpolated boxes)`;
  const times = new Set<number>();
  for (const f of set.frames) for (const d of [-2, -1, 0, 1, 2]) times.add(frameTime(f.frame + d, fps));
  const p = probe(times);
  await analyse([p]);
  const offsets: number[] = [];
  for (const f of set.frames) {
    const r = spawnSync(ffmpeg, ['-v', 'error', '-i', footage, '-vf', `select=eq(n\\,${f.frame}),scale=${width}:-2:flags=area`, '-frames:v', '1', '-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1'], { maxBuffer: 1 << 26 });
    const h = Math.round(((width * H) / W) / 2) * 2;
    const ref = thumb(new Uint8Array(r.stdout), width, h);
    let best = 0;
    let bestDiff = Infinity;
    for (const d of [-2, -1, 0, 1, 2]) {
      const got = p.seen.get(frameTime(f.frame + d, fps));
      if (!got) continue;
      const diff = got.reduce((a, v, i) => a + Math.abs(v - ref[i]!), 0) / got.length;
      if (diff < bestDiff) { bestDiff = diff; best = d; }
    }
    offsets.push(best);
  }
  const wrong = offsets.filter((o) => o !== 0).length;
  if (wrong > 0) throw new Error(`analysed frames are not aligned with the labelled source frames (offsets ${offsets.join(',')})`);
  return `time alignment checked: each of the ${offsets.length} labelled source frames is nearest to the analysed frame at its own time (offset 0)`;
}

/** The source frame's RGB24 pixels at full size. */
function sourceFrame(frame: number): Uint8Array {
  const r = spawnSync(ffmpeg, ['-v', 'error', '-i', footage, '-vf', `select=eq(n\\,${frame})`, '-frames:v', '1', '-pix_fmt', 'rgb24', '-f', 'rawvideo', 'pipe:1'], { maxBuffer: 1 << 26 });
  return new Uint8Array(r.stdout);
}

/** Writes the frame with the mask tinted and the labels outlined as PNG. */
function writeMaskPng(file: string, frame: number, mask: Uint8Array, persons: LabelSet['frames'][number]['persons']): void {
  const rgb = sourceFrame(frame);
  for (let i = 0; i < mask.length; i++) if (mask[i]) { rgb[i * 3] = (rgb[i * 3]! + 255) >> 1; rgb[i * 3 + 1] = rgb[i * 3 + 1]! >> 1; rgb[i * 3 + 2] = (rgb[i * 3 + 2]! + 255) >> 1; }
  const outline = (b: readonly number[], c: [number, number, number]) => {
    const [x0, y0, w, h] = b as [number, number, number, number];
    const set = (x: number, y: number) => { if (x >= 0 && y >= 0 && x < W && y < H) rgb.set(c, (y * W + x) * 3); };
    for (let x = x0 - 1; x <= x0 + w; x++) { set(x, y0 - 1); set(x, y0 + h); }
    for (let y = y0 - 1; y <= y0 + h; y++) { set(x0 - 1, y); set(x0 + w, y); }
  };
  for (const p of persons) { outline(p.body, [0, 255, 0]); if (p.head) outline(p.head, [255, 0, 0]); }
  const r = spawnSync(ffmpeg, ['-v', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${W}x${H}`, '-i', 'pipe:0', '-frames:v', '1', file], { input: rgb });
  if (r.status !== 0) throw new Error(`writing ${file} failed`);
}

function subsets(names: string[]): string[][] {
  const out: string[][] = [];
  for (let m = 1; m < 1 << names.length; m++) out.push(names.filter((_, i) => m & (1 << i)));
  return out.sort((a, b) => a.length - b.length);
}

interface KeepOnly {
  /** (requester, bystander) pairs where the bystander's head was not fully redacted in some labelled frame / all pairs. */
  bystanderHeadLeakRate: number;
  bystanderHeadCoverage: number;
  /** Mean share of the requester's body left visible at their labelled frames. */
  requesterVisible: number;
  /** Requesters no track was found for (their copy shows nothing of them). */
  requestersWithoutTrack: number;
  requesters: number;
}

interface ConfigResult {
  detectors: string[];
  isDefault: boolean;
  frames: number;
  tracks: number;
  detectMsPerFrame: number;
  totalMsPerFrame: number;
  redactDetected: RealSummary;
  /** Share of labelled head-frames not fully redacted, by head height in source pixels. */
  headFrameLeakBySize: { label: string; frames: number; leaking: number }[];
  keepOnly: KeepOnly;
}

const sizeBuckets = [{ label: '< 10 px', max: 10 }, { label: '10–14 px', max: 15 }, { label: '≥ 15 px', max: Infinity }];

function evaluate(result: PipelineResult, masksDir: string | null): Omit<ConfigResult, 'detectors' | 'isDefault'> {
  const geometry = { width: W, height: H, frameMs: 1000 / labels.source.fps };
  const redact: RedactionSettings = { ...review, mode: 'redact-detected', keep: [] };
  const scores: LabelledFrameScore[] = [];
  const buckets = sizeBuckets.map((b) => ({ label: b.label, frames: 0, leaking: 0 }));
  for (const f of labels.frames) {
    const mask = planMask(planFrame(result.tracks, redact, frameTime(f.frame, labels.source.fps), geometry), W, H);
    const score = scoreMask(mask, W, H, f.persons);
    if (masksDir) writeMaskPng(path.join(masksDir, `f${f.frame}.png`), f.frame, mask, f.persons);
    scores.push(score);
    f.persons.forEach((p, i) => {
      if (!p.head) return;
      const bucket = buckets[sizeBuckets.findIndex((b) => p.head![3] < b.max)]!;
      bucket.frames++;
      if (score.persons[i]!.head! < 0.99) bucket.leaking++;
    });
  }
  // keep-only: each labelled person in turn is the requester; their tracks are kept, everyone else must stay redacted.
  const ids = [...new Set(labels.frames.flatMap((f) => f.persons.map((p) => p.id)))];
  let pairs = 0;
  let leakingPairs = 0;
  let bystanderCover = 0;
  let bystanderFrames = 0;
  let visible = 0;
  let visibleFrames = 0;
  let withoutTrack = 0;
  for (const id of ids) {
    const appearances = labels.frames.flatMap((f) => f.persons.filter((p) => p.id === id).map((p) => ({ t: frameTime(f.frame, labels.source.fps), body: normalise(p.body, W, H), px: p.body })));
    const keep = requesterTracks(result.tracks, appearances);
    if (keep.length === 0) withoutTrack++;
    const settings: RedactionSettings = { ...review, mode: 'keep-only', keep };
    const leaked = new Map<string, boolean>();
    for (const f of labels.frames) {
      const t = frameTime(f.frame, labels.source.fps);
      const mask = planMask(planFrame(result.tracks, settings, t, geometry), W, H);
      for (const p of scoreMask(mask, W, H, f.persons, new Set([id])).persons) {
        if (p.head === null) continue;
        leaked.set(p.id, (leaked.get(p.id) ?? false) || p.head < 0.99);
        bystanderCover += p.head;
        bystanderFrames++;
      }
      const own = appearances.find((a) => a.t === t);
      if (own) { visible += 1 - boxShare(mask, W, own.px); visibleFrames++; }
    }
    pairs += leaked.size;
    leakingPairs += [...leaked.values()].filter(Boolean).length;
  }
  return {
    frames: result.frames, tracks: result.tracks.length,
    detectMsPerFrame: result.detectMs / Math.max(1, result.frames), totalMsPerFrame: result.totalMs / Math.max(1, result.frames),
    redactDetected: summariseReal(scores), headFrameLeakBySize: buckets,
    keepOnly: {
      bystanderHeadLeakRate: pairs === 0 ? 0 : leakingPairs / pairs, bystanderHeadCoverage: bystanderFrames === 0 ? 1 : bystanderCover / bystanderFrames,
      requesterVisible: visibleFrames === 0 ? 0 : visible / visibleFrames, requestersWithoutTrack: withoutTrack, requesters: ids.length,
    },
  };
}

const registry = new DetectorRegistry({ ...env, log: (m) => process.stderr.write(`${m}\n`) });
const available = registry.available();
const only = arg('configs', '');
const chosen = only ? only.split(';').map((c) => c.split('+').map((s) => s.trim())) : subsets(available);
const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
const alignment = await alignmentCheck(labels);
process.stderr.write(`${alignment}\n`);
const results: ConfigResult[] = [];
for (const names of chosen) {
  const detectors: Detector[] = [];
  for (const name of names) detectors.push(await registry.create(name));
  const result = await analyse(detectors);
  for (const d of detectors) await d.close?.();
  const masks = arg('masks', '');
  const masksDir = masks ? path.join(masks, names.join('+')) : null;
  if (masksDir) fs.mkdirSync(masksDir, { recursive: true });
  results.push({ detectors: names, isDefault: sameSet(names, defaultAnalysisSettings.detectors.filter((d) => available.includes(d))), ...evaluate(result, masksDir) });
  process.stderr.write(`${names.join(' + ')}: ${result.frames} frames, ${result.tracks.length} tracks\n`);
}

const pct = (v: number) => (v * 100).toFixed(1);
const persons = new Set(labels.frames.flatMap((f) => f.persons.map((p) => p.id))).size;
const heads = labels.frames.reduce((a, f) => a + f.persons.filter((p) => p.head).length, 0);
const bodies = labels.frames.reduce((a, f) => a + f.persons.length, 0);
const name = (r: ConfigResult) => `${r.detectors.join(' + ')}${r.isDefault ? ' (default)' : ''}`;
const lines: string[] = [];
lines.push(`${labels.frames.length} labelled frames, ${bodies} person boxes (${heads} with a visible head), ${persons} person ids; analysis ${width} px wide at ${fps} fps over all ${labels.source.frames} frames; render margin ${review.margin}, hold ${review.holdFrames} frames; a person leaks when any labelled frame has < 99 % of its head (body) redacted. ${alignment[0]!.toUpperCase()}${alignment.slice(1)}.`);
lines.push('');
lines.push('| detectors | ms/frame detect / all | tracks | redact-detected: head leak | body leak | head cover | body cover | FP area | keep-only: bystander head leak | bystander head cover | requester shown | requesters without track |');
lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of results) {
  const s = r.redactDetected;
  const k = r.keepOnly;
  lines.push(`| ${name(r)} | ${r.detectMsPerFrame.toFixed(1)} / ${r.totalMsPerFrame.toFixed(1)} | ${r.tracks} | ${pct(s.headLeakRate)} (${Math.round(s.headLeakRate * s.headPersons)}/${s.headPersons}) | ${pct(s.bodyLeakRate)} (${Math.round(s.bodyLeakRate * s.persons)}/${s.persons}) | ${pct(s.headCoverage)} | ${pct(s.bodyCoverage)} | ${pct(s.falsePositiveArea)} | ${pct(k.bystanderHeadLeakRate)} | ${pct(k.bystanderHeadCoverage)} | ${pct(k.requesterVisible)} | ${k.requestersWithoutTrack}/${k.requesters} |`);
}
lines.push('');
lines.push('Redact-detected, labelled head-frames (a person in one frame) not fully redacted / all, by head height in source pixels:');
lines.push('');
lines.push(`| detectors | ${sizeBuckets.map((b) => b.label).join(' | ')} |`);
lines.push(`|---|${sizeBuckets.map(() => '---').join('|')}|`);
for (const r of results) lines.push(`| ${name(r)} | ${r.headFrameLeakBySize.map((b) => `${b.leaking}/${b.frames}`).join(' | ')} |`);
console.log(lines.join('\n'));

if (args.includes('--record')) {
  const file = path.join(process.cwd(), 'bench', 'RESULTS.md');
  const body = [
    `Measured ${new Date().toISOString().slice(0, 10)} on: ${machine()}. REAL footage: OpenCV's sample video vtest.avi (Debian package opencv-doc, Apache-2.0 AND BSD-3-Clause; fetched by scripts/fetch-eval-footage.sh, not committed), hand-labelled persons in eval/redaction/real/labels.json (method in the file and in docs/redaction.md).`,
    '',
    'Command:',
    '',
    '```',
    `node --import tsx eval/redaction/real/evaluate.ts ${args.filter((a) => a !== '--record').join(' ')}`.trim(),
    '```',
    '',
    'Redact-detected: leak = share of person ids with at least one labelled frame where < 99 % of the head (body) box is redacted (count in brackets); cover = mean share of head (body) pixels redacted over labelled person-frames; FP area = mean share of the frame redacted outside every labelled body. Keep-only: each labelled person in turn is the requester (kept: every track overlapping their body at a labelled frame with IoU ≥ 0.3 or lying ≥ 80 % inside it); bystander head leak = share of (requester, bystander) pairs with a labelled frame where < 99 % of the bystander\'s head is redacted; requester shown = mean share of the requester\'s body left visible. ms/frame: detector time / whole pipeline per analysed frame on this shared 2-core machine (noisy, relative only).',
    '',
    ...lines,
    '',
    'Findings and the limits of this set: docs/redaction.md, "Real footage (hand-labelled)".',
  ].join('\n');
  fs.writeFileSync(file, withSubsection(fs.readFileSync(file, 'utf8'), body));
}
const out = arg('json', '');
if (out) fs.writeFileSync(out, JSON.stringify({ width, fps, margin: review.margin, holdFrames: review.holdFrames, alignment, results }, null, 1));
