import { describe, expect, it } from 'vitest';
import { timelineBands, vodPlaylist } from './playlist.js';

const at = (s: number) => new Date(Date.UTC(2026, 2, 3, 20, 0, s));

describe('vodPlaylist', () => {
  it('lists each segment with its own map, a discontinuity between, its wall-clock time and duration', () => {
    const text = vodPlaylist([
      { start: at(0), durationMs: 10_000, initUrl: 'segments/1/init.mp4?t=a', mediaUrl: 'segments/1/media.m4s?t=a' },
      { start: at(10), durationMs: 9_500, initUrl: 'segments/2/init.mp4?t=b', mediaUrl: 'segments/2/media.m4s?t=b' },
    ]);
    expect(text.split('\n')).toEqual([
      '#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-TARGETDURATION:10', '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:VOD', '#EXT-X-INDEPENDENT-SEGMENTS',
      '#EXT-X-MAP:URI="segments/1/init.mp4?t=a"', '#EXT-X-PROGRAM-DATE-TIME:2026-03-03T20:00:00.000Z', '#EXTINF:10.000,', 'segments/1/media.m4s?t=a',
      '#EXT-X-DISCONTINUITY',
      '#EXT-X-MAP:URI="segments/2/init.mp4?t=b"', '#EXT-X-PROGRAM-DATE-TIME:2026-03-03T20:00:10.000Z', '#EXTINF:9.500,', 'segments/2/media.m4s?t=b',
      '#EXT-X-ENDLIST', '',
    ]);
  });
});

describe('timelineBands', () => {
  const seg = (from: number, to: number, motion: number | null) => ({ start: at(from), end: at(to), motion });
  it.each([
    ['adjacent quiet segments merge', [seg(0, 10, 0), seg(10, 20, 0.001)], [], [['recorded', 0, 20]]],
    ['a gap splits a band', [seg(0, 10, 0), seg(30, 40, 0)], [], [['recorded', 0, 10], ['recorded', 30, 40]]],
    ['motion is its own band', [seg(0, 10, 0), seg(10, 20, 0.5), seg(20, 30, 0.5)], [], [['recorded', 0, 10], ['motion', 10, 30]]],
    ['held wins over motion', [seg(0, 10, 0.5), seg(10, 20, 0.5)], [{ from: at(5), to: at(8) }], [['held', 0, 10], ['motion', 10, 20]]],
  ])('%s', (_name, segments, holds, expected) => {
    expect(timelineBands(segments, holds, 0.01)).toEqual(expected.map(([kind, a, b]) => ({ kind, start: at(a as number).toISOString(), end: at(b as number).toISOString() })));
  });
});
