import { describe, expect, it } from 'vitest';
import { planClip } from './clip-plan.js';
import { clipMuxArgs, codecArgs, metadataValue, segmentToTsArgs } from './export-args.js';
import { windowProblem } from './export.js';
import { generatePackagePassword } from './password.js';
import { canonicalJson } from './signing-key.js';

const at = (s: number) => new Date(Date.UTC(2026, 2, 30, 10, 0, s));

describe('ffmpeg arguments for clip assembly (convention 8)', () => {
  it.each([
    [0, '0.000'],
    [4, '4.000'],
    [12.3456, '12.346'],
  ])('a segment %s s into the clip is shifted by %s s and copied to MPEG-TS on stdout', (offset, text) => {
    expect(segmentToTsArgs(offset)).toEqual([
      '-hide_banner', '-nostdin', '-loglevel', 'error', '-f', 'mp4', '-i', 'pipe:0', '-map', '0:v:0', '-c', 'copy', '-bsf:v', 'h264_mp4toannexb',
      '-output_ts_offset', text, '-f', 'mpegts', 'pipe:1',
    ]);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses the offset %s', (offset) => {
    expect(() => segmentToTsArgs(offset)).toThrow(/non-negative/);
  });

  it('muxes to a fragmented MP4 on stdout with creation_time, the camera name and the case', () => {
    expect(clipMuxArgs({ creationTime: at(0), cameraName: 'Entree A', cameraId: 'cam-a', comment: 'Z-1 / export x' })).toEqual([
      '-hide_banner', '-loglevel', 'error', '-f', 'mpegts', '-i', 'pipe:0', '-map', '0:v:0', '-c', 'copy', '-map_metadata', '-1',
      '-metadata', 'creation_time=2026-03-30T10:00:00.000Z', '-metadata', 'title=Entree A', '-metadata', 'comment=Z-1 / export x',
      '-metadata:s:v:0', 'handler_name=Entree A (cam-a)', '-movflags', '+frag_keyframe+empty_moov+default_base_moof', '-f', 'mp4', 'pipe:1',
    ]);
  });

  it.each([
    [null, ['-c', 'copy']],
    // Exact trim: the pieces arrive cut and (first/last GOP) re-encoded (exact-trim.ts); the muxer copies into avc3.
    [{ startSeconds: 2.5, durationSeconds: 10 }, ['-c', 'copy', '-tag:v', 'avc3']],
  ])('codec for trim %j', (trim, expected) => {
    expect(codecArgs(trim)).toEqual(expected);
    expect(clipMuxArgs({ creationTime: at(0), cameraName: 'c', cameraId: 'c', comment: '' }, trim).slice(9, 9 + expected.length)).toEqual(expected);
  });

  it.each([{ startSeconds: -1, durationSeconds: 1 }, { startSeconds: 0, durationSeconds: 0 }])('refuses the trim %j', (trim) => {
    expect(() => codecArgs(trim)).toThrow(/exact trim/);
  });

  it.each([
    ['Entree\nA', 'Entree A'],
    ['  hal\t\u0000 ', 'hal'],
    ['x'.repeat(300), 'x'.repeat(200)],
  ])('metadata %j becomes one printable line %j', (input, expected) => {
    expect(metadataValue(input)).toBe(expected);
  });
});

describe('clip plan: segments in a window and the gaps (reported, not hidden)', () => {
  const seg = (from: number, to: number) => ({ start: at(from), end: at(to) });
  it.each([
    ['continuous footage', [seg(0, 10), seg(10, 20)], 0, 20, 2, []],
    ['a hole in the middle', [seg(0, 10), seg(30, 40)], 0, 40, 2, [[10, 30]]],
    ['missing start and end', [seg(10, 20)], 0, 40, 1, [[0, 10], [20, 40]]],
    ['boundary jitter under the tolerance', [seg(0, 10), seg(11, 20)], 0, 20, 2, []],
    ['nothing recorded', [], 0, 20, 0, [[0, 20]]],
    ['segments outside the window are left out', [seg(-20, -10), seg(5, 15), seg(25, 30)], 0, 20, 1, [[0, 5], [15, 20]]],
  ] as const)('%s', (_name, segments, from, to, used, gaps) => {
    const plan = planClip([...segments], at(from), at(to));
    expect(plan.segments).toHaveLength(used);
    expect(plan.gaps).toEqual(gaps.map(([a, b]) => ({ from: at(a).toISOString(), to: at(b).toISOString() })));
  });

  it('the actual span runs over whole segments (keyframe boundaries)', () => {
    const plan = planClip([seg(-4, 6), seg(6, 16)], at(0), at(10));
    expect([plan.actualStart, plan.actualEnd]).toEqual([at(-4), at(16)]);
  });
});

describe('export windows', () => {
  const w = (cameraId: string, from: number, to: number) => ({ cameraId, from: at(from), to: at(to) });
  it.each([
    [[w('cam-a', 0, 60)], null],
    [[], 'name at least one camera and time window'],
    [[w('cam-a', 60, 0)], 'each window ends after it starts'],
    [[w('../x', 0, 60)], 'not a camera id: ../x'],
    [[w('cam-a', 0, 25 * 3600)], 'each window spans at most 24 hours'],
    [Array.from({ length: 9 }, () => w('cam-a', 0, 1)), 'at most 8 camera windows per export'],
  ])('%#: %j', (windows, problem) => {
    expect(windowProblem(windows)).toBe(problem);
  });
});

describe('package password and canonical JSON', () => {
  it('is 6 groups of 4 from an unambiguous alphabet, different every time', () => {
    const passwords = Array.from({ length: 50 }, generatePackagePassword);
    for (const p of passwords) expect(p).toMatch(/^([A-HJKMNP-Z2-9]{4}-){5}[A-HJKMNP-Z2-9]{4}$/);
    expect(new Set(passwords).size).toBe(50);
  });

  it('sorts keys at every level and leaves out undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 'x' }], c: undefined } })).toBe('{"a":{"d":[2,{"y":"x","z":1}]},"b":1}');
  });
});
