import { describe, expect, it } from 'vitest';
import {
  assertSafeId, dayEnd, dayKeyName, isSegmentFile, overlaps, parseSegmentList, placeSegment, refineAnchor, runId, storageKey, utcDay,
} from './segment.js';

const at = (s: string) => new Date(s);

describe('day keys and names (UTC, DST-proof)', () => {
  it.each([
    ['2026-03-29T00:59:59.999Z', '2026-03-29'], // the night clocks go forward in the Netherlands
    ['2026-03-29T01:00:00.000Z', '2026-03-29'],
    ['2026-10-25T00:30:00.000Z', '2026-10-25'], // the night clocks go back: 02:30 local happens twice
    ['2026-10-25T01:30:00.000Z', '2026-10-25'],
    ['2026-12-31T23:59:59.999Z', '2026-12-31'],
    ['2027-01-01T00:00:00.000Z', '2027-01-01'],
  ])('utcDay(%s) = %s', (instant, day) => {
    expect(utcDay(at(instant))).toBe(day);
  });

  it('dayEnd is the next UTC midnight, 24 h later even across DST', () => {
    expect(dayEnd('2026-03-29').toISOString()).toBe('2026-03-30T00:00:00.000Z');
    expect(dayEnd('2026-10-25').getTime() - Date.parse('2026-10-25T00:00:00Z')).toBe(86_400_000);
  });

  it('storage keys: camera / day / run-file, deterministic from the spool file', () => {
    expect(storageKey('cam-1', '2026-03-02', '20260302T101500Z-3f9a', '20260302T101507.mp4')).toBe('cam-1/2026-03-02/20260302T101500Z-3f9a-20260302T101507.seg');
    expect(dayKeyName('cam-1', '2026-03-02')).toBe('cam-1/2026-03-02');
    expect(runId(at('2026-03-02T10:15:00.123Z'), '3f9a')).toBe('20260302T101500Z-3f9a');
  });

  it('refuses ids that could escape a directory or a key prefix', () => {
    for (const bad of ['../x', 'a/b', '', 'a b', 'x'.repeat(65)]) expect(() => assertSafeId(bad)).toThrow();
    expect(() => storageKey('cam', '2026-01-01', 'run', '../../etc/passwd')).toThrow();
  });
});

describe('segment list and placement', () => {
  it('parses complete csv lines and leaves a partial one for later', () => {
    const text = '20261122T180653.mp4,0.000000,5.760000\n20261122T180658.mp4,5.760000,9.760000\n20261122T1807';
    const { entries, consumed } = parseSegmentList(text);
    expect(entries).toEqual([
      { file: '20261122T180653.mp4', start: 0, end: 5.76 },
      { file: '20261122T180658.mp4', start: 5.76, end: 9.76 },
    ]);
    expect(text.slice(consumed)).toBe('20261122T1807');
  });

  it('knows segment files by their run sequence number', () => {
    expect(['000000.mp4', '000123.mp4', 'segments.csv', 'run.json', '.tmp-1', '12.mp4'].filter(isSegmentFile)).toEqual(['000000.mp4', '000123.mp4']);
  });

  it('anchors a run on the progress report with the least lag', () => {
    let anchor = refineAnchor(null, 10_000, 400_000); // 0.4 s written at wall 10.0 s → started at 9.6 s
    expect(anchor).toBe(9_600);
    anchor = refineAnchor(anchor, 10_500, 1_000_000); // less lag: 9.5 s
    expect(anchor).toBe(9_500);
    anchor = refineAnchor(anchor, 11_200, 1_500_000); // more lag: unchanged
    expect(anchor).toBe(9_500);
  });

  it.each([
    { name: 'first segment of a camera', raw: 1000, dur: 10_000, prev: null, start: 1000, end: 11_000 },
    { name: 'contiguous in a run', raw: 11_000, dur: 10_000, prev: 11_000, start: 11_000, end: 21_000 },
    { name: 'a gap (outage) stays a gap', raw: 50_000, dur: 10_000, prev: 21_000, start: 50_000, end: 60_000 },
    { name: 'wall clock jumped back between runs: shifted, no overlap', raw: 15_000, dur: 10_000, prev: 21_000, start: 21_000, end: 31_000 },
  ])('placeSegment: $name', ({ raw, dur, prev, start, end }) => {
    const placed = placeSegment(raw, dur, prev);
    expect([placed.start.getTime(), placed.end.getTime()]).toEqual([start, end]);
  });

  it('overlaps is half-open', () => {
    const a = { start: at('2026-01-01T10:00:00Z'), end: at('2026-01-01T10:00:10Z') };
    expect(overlaps(a, { start: at('2026-01-01T10:00:10Z'), end: at('2026-01-01T10:00:20Z') })).toBe(false);
    expect(overlaps(a, { start: at('2026-01-01T10:00:09.999Z'), end: at('2026-01-01T10:00:20Z') })).toBe(true);
  });
});
