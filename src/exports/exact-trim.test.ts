import { describe, expect, it } from 'vitest';
import { EPSILON, parseProbe, pieceArgs, segmentPieces, trimSegments, x264Level, x264Profile, type TrimPiece } from './exact-trim.js';

const e = EPSILON;
const close = (pieces: TrimPiece[]) => pieces.map((p) => ({ ...p, from: +p.from.toFixed(6), to: p.to === null ? null : +p.to.toFixed(6), at: +p.at.toFixed(6) }));

describe('exact trim: which segments a window touches (issue 8, item 1)', () => {
  it.each([
    ['mid-GOP across three segments', [0, 4, 8], 1.3, 10.7, 0, 2],
    ['inside one segment', [0, 4, 8], 4.5, 5.5, 1, 1],
    ['ends on a segment boundary: the next segment is not touched', [0, 4, 8], 1, 8, 0, 1],
    ['starts on a segment boundary', [0, 4, 8], 4, 9, 1, 2],
    ['a gap between segments', [0, 8], 1.3, 10.7, 0, 1],
  ])('%s', (_name, offsets, start, end, first, last) => {
    expect(trimSegments(offsets, start, end)).toEqual({ first, last });
  });

  it('refuses an empty window and no footage', () => {
    expect(() => trimSegments([0], 2, 2)).toThrow(/positive duration/);
    expect(() => trimSegments([], 0, 1)).toThrow(/no footage/);
  });
});

describe('exact trim: the pieces of a segment — re-encode only the partial first and last GOP', () => {
  const keys = [0, 2];
  it.each<[string, Parameters<typeof segmentPieces>[0], TrimPiece[]]>([
    ['first segment, window starts mid-GOP: re-encode to the next keyframe, copy the rest',
      { offset: 0, isFirst: true, isLast: false, keys, start: 1.3, end: 10.7 },
      [{ kind: 'encode', from: 1.3, to: 2, at: 0 }, { kind: 'copy', from: 2 - e, to: null, at: 0.7 - e }]],
    ['a segment in the middle is copied whole',
      { offset: 4, isFirst: false, isLast: false, keys: [0], start: 1.3, end: 10.7 },
      [{ kind: 'copy', from: 0, to: null, at: 2.7 }]],
    ['last segment, window ends mid-GOP: copy to the last keyframe, re-encode the rest',
      { offset: 8, isFirst: false, isLast: true, keys, start: 1.3, end: 10.7 },
      [{ kind: 'copy', from: 0, to: 2 - e, at: 6.7 }, { kind: 'encode', from: 2, to: 2.7, at: 8.7 }]],
    ['window inside one GOP: just that piece is re-encoded',
      { offset: 4, isFirst: true, isLast: true, keys, start: 4.5, end: 5.5 },
      [{ kind: 'encode', from: 0.5, to: 1.5, at: 0 }]],
    ['one keyframe inside the window: head and tail re-encoded, nothing copied',
      { offset: 0, isFirst: true, isLast: true, keys, start: 1.5, end: 2.5 },
      [{ kind: 'encode', from: 1.5, to: 2, at: 0 }, { kind: 'encode', from: 2, to: 2.5, at: 0.5 }]],
    ['both ends on keyframes: everything copied, nothing re-encoded',
      { offset: 0, isFirst: true, isLast: true, keys: [0, 2, 4], start: 2, end: 4 },
      [{ kind: 'copy', from: 2 - e, to: 4 - e, at: -e }]],
    ['window from the segment start to mid-GOP',
      { offset: 0, isFirst: true, isLast: true, keys, start: 0, end: 3 },
      [{ kind: 'copy', from: 0, to: 2 - e, at: 0 }, { kind: 'encode', from: 2, to: 3, at: 2 }]],
    ['window start after the segment\'s last keyframe: re-encode to its end',
      { offset: 0, isFirst: true, isLast: false, keys, start: 3, end: 9 },
      [{ kind: 'encode', from: 3, to: null, at: 0 }]],
    ['footage with B-frames: the segment\'s part of the window is re-encoded whole',
      { offset: 0, isFirst: true, isLast: false, keys, start: 1.3, end: 10.7, reencode: true },
      [{ kind: 'encode', from: 1.3, to: null, at: 0 }]],
    ['footage with B-frames, last segment',
      { offset: 8, isFirst: false, isLast: true, keys, start: 1.3, end: 10.7, reencode: true },
      [{ kind: 'encode', from: 0, to: 2.7, at: 6.7 }]],
    ['window end at a keyframe within a millisecond counts as on it',
      { offset: 8, isFirst: false, isLast: true, keys, start: 1, end: 10.0004 },
      [{ kind: 'copy', from: 0, to: 2 - e, at: 7 }]],
  ])('%s', (_name, input, expected) => {
    expect(close(segmentPieces(input))).toEqual(close(expected));
  });
});

describe('exact trim: ffmpeg arguments per piece (convention 8)', () => {
  it('copies a piece with the camera\'s parameter sets in band, shifted to its place', () => {
    expect(pieceArgs({ kind: 'copy', from: 1.999, to: 3.999, at: 0.699 }, { profile: 'Main', level: 31 }, 4)).toEqual([
      '-hide_banner', '-nostdin', '-loglevel', 'error', '-f', 'mp4', '-i', 'pipe:0', '-map', '0:v:0',
      '-ss', '1.999000', '-t', '2.000000', '-c', 'copy', '-bsf:v', 'h264_mp4toannexb', '-output_ts_offset', '0.699000', '-f', 'mpegts', 'pipe:1',
    ]);
  });

  it.each([
    [4, '-vsync'],
    [6, '-fps_mode'],
  ])('re-encodes a piece with the source\'s profile and level, own parameter-set id, timestamps kept (ffmpeg %s: %s)', (major, fpsOption) => {
    expect(pieceArgs({ kind: 'encode', from: 0, to: null, at: 8.7 }, { profile: 'Constrained Baseline', level: 13 }, major)).toEqual([
      '-hide_banner', '-nostdin', '-loglevel', 'error', '-f', 'mp4', '-i', 'pipe:0', '-map', '0:v:0',
      '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-bf', '0', '-pix_fmt', 'yuv420p', '-profile:v', 'baseline', '-level', '1.3',
      '-x264-params', 'sps-id=1', fpsOption, 'passthrough', '-enc_time_base', '-1', '-output_ts_offset', '8.700000', '-f', 'mpegts', 'pipe:1',
    ]);
  });

  it.each<TrimPiece>([
    { kind: 'copy', from: -1, to: null, at: 0 },
    { kind: 'copy', from: 0, to: null, at: -1 },
    { kind: 'encode', from: 2, to: 2, at: 0 },
    { kind: 'encode', from: Number.NaN, to: null, at: 0 },
  ])('refuses the piece %j', (piece) => {
    expect(() => pieceArgs(piece, { profile: null, level: null }, 4)).toThrow(/trim piece/);
  });

  it.each([
    ['Constrained Baseline', 'baseline'],
    ['Baseline', 'baseline'],
    ['Main', 'main'],
    ['High', 'high'],
    ['High 4:2:2', 'high'],
    [null, 'high'],
  ])('profile %s → x264 %s', (profile, expected) => {
    expect(x264Profile(profile)).toBe(expected);
  });

  it.each([
    [31, '3.1'],
    [40, '4.0'],
    [13, '1.3'],
    [null, null],
    [-99, null],
    [0, null],
  ])('level %s → %s', (level, expected) => {
    expect(x264Level(level)).toBe(expected);
  });
});

describe('exact trim: keyframes from ffprobe', () => {
  it('counts from the file\'s start time and keeps only keyframes', () => {
    const json = JSON.stringify({
      format: { start_time: '10.000000' },
      streams: [{ profile: 'High', level: 40 }],
      packets: [{ pts_time: '10.000000', flags: 'K__' }, { pts_time: '10.040000', flags: '___' }, { pts_time: '12.000000', flags: 'K__' }, { pts_time: 'N/A', flags: 'K__' }],
    });
    expect(parseProbe(json)).toEqual({ keys: [0, 2], coding: { profile: 'High', level: 40 }, reordered: false });
  });

  it('notices B-frames: a packet decoded before it is shown', () => {
    const json = JSON.stringify({ packets: [{ pts_time: '0.080000', dts_time: '0.000000', flags: 'K__' }, { pts_time: '0.200000', dts_time: '0.040000', flags: '___' }] });
    expect(parseProbe(json)).toMatchObject({ keys: [0], reordered: true });
  });

  it('refuses a segment without a keyframe', () => {
    expect(() => parseProbe(JSON.stringify({ packets: [{ pts_time: '0', flags: '___' }] }))).toThrow(/keyframe/);
  });
});
