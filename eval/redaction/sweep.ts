/**
 * The synthetic evaluation sweep of redaction analysis (issue 9 item 5). SYNTHETIC: real face crops
 * (eval/redaction/faces.json) composited on generated CCTV-like frames at known boxes (scene.ts),
 * sizes 12–400 px of a 1080p source; no hand-labelled real CCTV footage is in this set (none could
 * be shipped). A third sweep pastes real persons (cut from a demo photo) standing still from the
 * first frame: what background subtraction cannot see and the learned person detector must. Every detector configuration runs through the same tracker as the analysis job;
 * the measures are those of metrics.ts. It reports, it does not tune.
 *
 *   node --import tsx eval/redaction/sweep.ts [--faces 12] [--seconds 2] [--margin 0.15] [--configs 'motion @640,blazeface-back @640'] [--json out.json] [--record]
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { Tracker } from '../../src/redaction/analysis/tracker.js';
import { BlazeFaceDetector } from '../../src/redaction/detectors/blazeface.js';
import { CenterNetPersonDetector } from '../../src/redaction/detectors/centernet.js';
import type { Detection, Detector } from '../../src/redaction/detectors/detector.js';
import { MotionBlobDetector } from '../../src/redaction/detectors/motion-blobs.js';
import { redactionEnv } from '../../src/redaction/redaction.module.js';
import { boxAt, type Box } from '../../src/redaction/track.js';
import { machine, recordSection } from '../../bench/retention/results.js';
import { scoreFrame, summarise, type FrameScore, type Summary } from './metrics.js';
import { realSubsection, withSubsection } from './real/record.js';
import { background, composeFrame, resample, type Rgb, type Subject } from './scene.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1]! : fallback; };
const faceCount = Number(arg('faces', '12'));
const seconds = Number(arg('seconds', '2'));
const fps = 10;
const margin = Number(arg('margin', '0.15'));
const here = path.dirname(fileURLToPath(import.meta.url));
const { modelsDir } = redactionEnv({});
const ffmpeg = (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;

function loadFaces(): Rgb[] {
  const labels = JSON.parse(fs.readFileSync(path.join(here, 'faces.json'), 'utf8')) as { faces: Record<string, [number, number, number, number][]> };
  const crops: Rgb[] = [];
  for (const [file, boxes] of Object.entries(labels.faces)) {
    const photo = path.join(modelsDir, 'eval', 'face-api', file);
    if (!fs.existsSync(photo)) throw new Error(`${photo} missing: run scripts/fetch-models.sh`);
    const probe = spawnSync(ffmpeg, ['-v', 'error', '-i', photo, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { maxBuffer: 1 << 27 });
    const size = /(\d{3,5})x(\d{3,5})/.exec(spawnSync(ffmpeg, ['-hide_banner', '-i', photo], { encoding: 'utf8' }).stderr)!;
    const img: Rgb = { width: Number(size[1]), height: Number(size[2]), data: new Uint8Array(probe.stdout) };
    for (const [x, y, w, h] of boxes) {
      const x0 = Math.round(x * img.width), y0 = Math.round(y * img.height), cw = Math.round(w * img.width), ch = Math.round(h * img.height);
      const data = new Uint8Array(cw * ch * 3);
      for (let r = 0; r < ch; r++) data.set(img.data.subarray(((y0 + r) * img.width + x0) * 3, ((y0 + r) * img.width + x0 + cw) * 3), r * cw * 3);
      crops.push({ width: cw, height: ch, data });
    }
  }
  return crops;
}

interface Config {
  name: string;
  width: number;
  make: () => Promise<Detector[]>;
}

const back = path.join(modelsDir, 'blazeface', 'face_detection_back_256x256.onnx');
const front = path.join(modelsDir, 'blazeface', 'face_detection_front_128x128.onnx');
const centernetDir = path.join(modelsDir, 'centernet');
const configs: Config[] = [
  { name: 'motion @640', width: 640, make: async () => [new MotionBlobDetector()] },
  { name: 'blazeface-back @640', width: 640, make: async () => [await BlazeFaceDetector.load({ modelPath: back })] },
  { name: 'blazeface-front @640', width: 640, make: async () => [await BlazeFaceDetector.load({ modelPath: front })] },
  { name: 'blazeface-back 2x2 tiles @640', width: 640, make: async () => [await BlazeFaceDetector.load({ modelPath: back, tiles: 2 })] },
  { name: 'blazeface-back @1280', width: 1280, make: async () => [await BlazeFaceDetector.load({ modelPath: back })] },
  { name: 'motion + blazeface-back @640', width: 640, make: async () => [new MotionBlobDetector(), await BlazeFaceDetector.load({ modelPath: back })] },
  // The learned person detector as the analysis runs it: two squares per pass, one pass per 2 s (held in between).
  { name: 'centernet @640', width: 640, make: async () => [await CenterNetPersonDetector.load({ modelDir: centernetDir })] },
  { name: 'motion + blazeface-back + centernet @640 (default)', width: 640, make: async () => [new MotionBlobDetector(), await BlazeFaceDetector.load({ modelPath: back }), await CenterNetPersonDetector.load({ modelDir: centernetDir })] },
];

const sweeps: { kind: 'person' | 'face' | 'still'; sizes: number[] }[] = [
  { kind: 'person', sizes: [24, 48, 96, 200, 400] },
  { kind: 'face', sizes: [12, 16, 24, 32, 48, 64, 96, 128, 200] },
  { kind: 'still', sizes: [48, 96, 150, 200, 400] },
];

/**
 * Still persons: the four adults of sample6.jpg (standing, whole upper body to the knees), each
 * cut out by a person box (normalised in the photo; proposed by CenterNet at 640 px and checked by
 * eye on an overlay — the crops hold bits of the neighbours) with her face box from faces.json.
 * They stand still from the first frame, bottoms on one line, spread across the frame; size = the
 * crop's height in 1080p pixels. Pasted over the noisy background, with sensor noise of their own.
 */
const stillPersons: { body: [number, number, number, number]; face: number }[] = [
  { body: [0.051, 0.2496, 0.3302, 0.7466], face: 0 },
  { body: [0.3125, 0.1507, 0.233, 0.8394], face: 3 },
  { body: [0.5182, 0.121, 0.2327, 0.879], face: 1 },
  { body: [0.6802, 0.1285, 0.2907, 0.8631], face: 2 },
];

function loadStill(): { img: Rgb; face: Box }[] {
  const labels = JSON.parse(fs.readFileSync(path.join(here, 'faces.json'), 'utf8')) as { faces: Record<string, [number, number, number, number][]> };
  const photo = path.join(modelsDir, 'eval', 'face-api', 'sample6.jpg');
  const raw = spawnSync(ffmpeg, ['-v', 'error', '-i', photo, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], { maxBuffer: 1 << 27 });
  const size = /(\d{3,5})x(\d{3,5})/.exec(spawnSync(ffmpeg, ['-hide_banner', '-i', photo], { encoding: 'utf8' }).stderr)!;
  const W = Number(size[1]), H = Number(size[2]);
  const data = new Uint8Array(raw.stdout);
  return stillPersons.map(({ body: [bx, by, bw, bh], face }) => {
    const x0 = Math.round(bx * W), y0 = Math.round(by * H), cw = Math.round(bw * W), ch = Math.round(bh * H);
    const img = new Uint8Array(cw * ch * 3);
    for (let r = 0; r < ch; r++) img.set(data.subarray(((y0 + r) * W + x0) * 3, ((y0 + r) * W + x0 + cw) * 3), r * cw * 3);
    const [fx, fy, fw, fh] = labels.faces['sample6.jpg']![face]!;
    // The face in the crop's own coordinates (0..1 of the crop).
    return { img: { width: cw, height: ch, data: img }, face: { x: (fx * W - x0) / cw, y: (fy * H - y0) / ch, w: (fw * W) / cw, h: (fh * H) / ch } };
  });
}

/** One frame of the still sweep: the noisy background (no walking subjects) with the still persons pasted at `size` (1080p px). */
function composeStill(bg: Uint8Array, width: number, height: number, size: number, frameNo: number, persons: { img: Rgb; face: Box }[], cache: Map<string, Rgb>) {
  const { frame } = composeFrame(bg, width, height, [], frameNo / fps, seconds, frameNo, new Map());
  const labels: { subject: string; face: Box; body: Box }[] = [];
  const ph = Math.max(2, Math.round((size * width) / 1920));
  let seed = (frameNo + 7) * 2246822519;
  persons.forEach((p, i) => {
    const pw = Math.max(1, Math.round((ph * p.img.width) / p.img.height));
    const key = `${i}/${pw}x${ph}`;
    let img = cache.get(key);
    if (!img) { img = resample(p.img, pw, ph); cache.set(key, img); }
    const x0 = Math.round(((i + 0.5) / persons.length) * width - pw / 2);
    const y0 = Math.round(height * 0.85 - ph);
    for (let y = 0; y < ph; y++) {
      for (let x = 0; x < pw; x++) {
        const s = (y * pw + x) * 3;
        const d = ((y0 + y) * width + x0 + x) * 3;
        for (let c = 0; c < 3; c++) {
          seed = (seed * 1103515245 + 12345) >>> 0;
          const v = img.data[s + c]! + (c === 0 ? ((seed >>> 16) % 13) - 6 : 0);
          frame.data[d + c] = v < 0 ? 0 : v > 255 ? 255 : v;
        }
      }
    }
    labels.push({ subject: `s${i}`, body: { x: x0 / width, y: y0 / height, w: pw / width, h: ph / height }, face: { x: (x0 + p.face.x * pw) / width, y: (y0 + p.face.y * ph) / height, w: (p.face.w * pw) / width, h: (p.face.h * ph) / height } });
  });
  return { frame, labels };
}

const palette: [number, number, number][] = [[170, 40, 40], [40, 110, 170], [200, 170, 60], [90, 150, 90]];

type Compose = (bg: Uint8Array, width: number, height: number, n: number) => { frame: Rgb; labels: ReturnType<typeof composeFrame>['labels'] };

async function runClip(config: Config, detectors: Detector[], subjects: Subject[], bgCache: Map<number, Uint8Array>, faceCache: Map<string, Rgb>, compose?: Compose): Promise<{ scores: FrameScore[]; detectMs: number; frames: number }> {
  const width = config.width;
  const height = Math.round((width * 1080) / 1920);
  const bg = bgCache.get(width) ?? background(width, height);
  bgCache.set(width, bg);
  for (const d of detectors) d.reset?.();
  const tracker = new Tracker();
  const labelled: { t: number; labels: ReturnType<typeof composeFrame>['labels'] }[] = [];
  let detectMs = 0;
  const frames = Math.round(seconds * fps) + 1;
  for (let n = 0; n < frames; n++) {
    const t = n / fps;
    const { frame, labels } = compose ? compose(bg, width, height, n) : composeFrame(bg, width, height, subjects, t, seconds, n, faceCache);
    const d0 = performance.now();
    const found: Detection[] = [];
    for (const d of detectors) found.push(...(await d.detect({ width, height, channels: 3, data: frame.data, t: Math.round(t * 1000) })));
    detectMs += performance.now() - d0;
    tracker.update(Math.round(t * 1000), found);
    labelled.push({ t: Math.round(t * 1000), labels });
  }
  const { tracks } = tracker.finish();
  const scores = labelled.map(({ t, labels }) => {
    const boxes = tracks.map((tr) => boxAt(tr, t)).filter((b): b is Box => b !== undefined);
    return scoreFrame(boxes, labels, width, height, margin);
  });
  return { scores, detectMs, frames };
}

const only = arg('configs', '');
const chosen = only ? configs.filter((c) => only.split(',').some((o) => c.name.startsWith(o.trim()))) : configs;
const faces = loadFaces().slice(0, faceCount);
const still = loadStill();
const results: { sweep: string; size: number; config: string; summary: Summary; msPerFrame: number }[] = [];
for (const config of chosen) {
  const detectors = await config.make();
  const bgCache = new Map<number, Uint8Array>();
  const faceCache = new Map<string, Rgb>();
  for (const sweep of sweeps) {
    for (const size of sweep.sizes) {
      const scores: FrameScore[] = [];
      let ms = 0;
      let frames = 0;
      if (sweep.kind === 'still') {
        const clip = await runClip(config, detectors, [], bgCache, faceCache, (bg, width, height, n) => composeStill(bg, width, height, size, n, still, faceCache));
        results.push({ sweep: sweep.kind, size, config: config.name, summary: summarise(clip.scores), msPerFrame: clip.detectMs / clip.frames });
        process.stderr.write('.');
        continue;
      }
      for (let c = 0; c < faces.length; c += 4) {
        const subjects: Subject[] = faces.slice(c, c + 4).map((face, i) => ({ id: `f${c + i}`, face, size, kind: sweep.kind as Subject['kind'], lane: i, colour: palette[i]! }));
        const clip = await runClip(config, detectors, subjects, bgCache, faceCache);
        scores.push(...clip.scores);
        ms += clip.detectMs;
        frames += clip.frames;
      }
      results.push({ sweep: sweep.kind, size, config: config.name, summary: summarise(scores), msPerFrame: ms / frames });
      process.stderr.write('.');
    }
  }
  for (const d of detectors) await d.close?.();
}
process.stderr.write('\n');

const lines: string[] = [];
const pct = (v: number) => `${(v * 100).toFixed(v < 0.001 && v > 0 ? 2 : 1)}`;
lines.push(`Synthetic sweep: ${faces.length} real face crops × sizes, ${seconds} s per clip at ${fps} analysed fps, margin ${margin}; a subject leaks when any frame covers < 99 % of its face.`);
for (const sweep of sweeps) {
  const title = { person: 'Persons (whole body walking in; size = body height, face ≈ 14 %)', face: 'Faces (head and shoulders, drifting; size = face height)', still: `Still persons (${still.length} real persons cut from a photo, knees up, standing still from the first frame; size = their height)` }[sweep.kind];
  lines.push(`\n${title}, 1080p px\n`);
  lines.push(`| detector | ms/frame | ${sweep.sizes.map((s) => `${s} px leak / cover / FP`).join(' | ')} |`);
  lines.push(`|---|---|${sweep.sizes.map(() => '---').join('|')}|`);
  for (const config of chosen) {
    const rows = results.filter((r) => r.sweep === sweep.kind && r.config === config.name);
    const ms = rows.reduce((a, r) => a + r.msPerFrame, 0) / rows.length;
    lines.push(`| ${config.name} | ${ms.toFixed(1)} | ${rows.map((r) => `${pct(r.summary.leakRate)} / ${pct(r.summary.faceCoverage)} / ${pct(r.summary.falsePositiveArea)}`).join(' | ')} |`);
  }
}
console.log(lines.join('\n'));
if (args.includes('--record')) {
  const body = [
    `Measured ${new Date().toISOString().slice(0, 10)} on: ${machine()}. SYNTHETIC: real face crops composited on generated frames (eval/redaction/, docs/redaction.md); no hand-labelled real CCTV footage.`,
    '',
    'Command:',
    '',
    '```',
    `node --import tsx eval/redaction/sweep.ts ${args.filter((a) => a !== '--record').join(' ')}`.trim(),
    '```',
    '',
    'Each cell: leak rate per subject (share of subjects with at least one analysed frame where < 99 % of the face was redacted) / face-area coverage (mean share of face pixels redacted) / false-positive area (mean share of the frame redacted outside every subject\'s body), all in %. Sizes are pixels of a 1080p source; frames are analysed at 640 (or 1280) px wide, 10 fps, through the analysis job\'s tracker, with the render\'s 15 % margin. centernet runs as in the analysis job (two squares per pass, one pass per 2 s of footage, held in between). The walking "persons" are coloured blocks with a real face on top: background subtraction sees them, a COCO person model does not; the still persons are real people cut from a photo. ' + `ms/frame is detector wall time on this shared 2-core machine (load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} at the end of the run: noisy, relative only).`,
    '',
    ...lines,
  ].join('\n');
  const results = path.join(process.cwd(), 'bench', 'RESULTS.md');
  const real = realSubsection(fs.existsSync(results) ? fs.readFileSync(results, 'utf8') : '');
  recordSection(results, '## Redaction evaluation', body);
  // The hand-labelled real-footage subsection (eval/redaction/real/) lives in the same section: keep it.
  if (real) fs.writeFileSync(results, withSubsection(fs.readFileSync(results, 'utf8'), real));
}
const out = arg('json', '');
if (out) fs.writeFileSync(out, JSON.stringify({ faces: faces.length, seconds, fps, margin, results }, null, 1));
