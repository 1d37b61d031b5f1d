/**
 * HLS VOD playlists (RFC 8216) for a camera's recorded segments. Every segment is its own fMP4 file
 * whose timestamps start at zero (the recorder resets them per segment) with its own moov, so each
 * is preceded by EXT-X-DISCONTINUITY and its own EXT-X-MAP; EXT-X-PROGRAM-DATE-TIME puts it on the
 * wall-clock time line, so the player knows which instant it shows (watermark, watched ranges).
 */
export interface PlaylistEntry {
  start: Date;
  durationMs: number;
  initUrl: string;
  mediaUrl: string;
}

export function vodPlaylist(entries: readonly PlaylistEntry[]): string {
  const target = Math.max(1, ...entries.map((e) => Math.ceil(e.durationMs / 1000)));
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', `#EXT-X-TARGETDURATION:${target}`, '#EXT-X-MEDIA-SEQUENCE:0', '#EXT-X-PLAYLIST-TYPE:VOD', '#EXT-X-INDEPENDENT-SEGMENTS'];
  entries.forEach((e, i) => {
    if (i > 0) lines.push('#EXT-X-DISCONTINUITY');
    lines.push(`#EXT-X-MAP:URI="${e.initUrl}"`);
    lines.push(`#EXT-X-PROGRAM-DATE-TIME:${e.start.toISOString()}`);
    lines.push(`#EXTINF:${(e.durationMs / 1000).toFixed(3)},`);
    lines.push(e.mediaUrl);
  });
  lines.push('#EXT-X-ENDLIST');
  return `${lines.join('\n')}\n`;
}

/** A timeline band: recorded (no or little motion), motion, held; gaps are what lies between bands. */
export interface TimelineBand {
  start: string;
  end: string;
  kind: 'recorded' | 'motion' | 'held';
}

/**
 * Merges segments into bands for the timeline: adjacent segments of one kind (within a second) form
 * one band. Held wins over motion, motion over recorded.
 */
export function timelineBands(
  segments: readonly { start: Date; end: Date; motion: number | null }[],
  holds: readonly { from: Date; to: Date }[],
  motionThreshold: number,
): TimelineBand[] {
  const bands: TimelineBand[] = [];
  for (const s of segments) {
    const held = holds.some((h) => h.from.getTime() < s.end.getTime() && h.to.getTime() > s.start.getTime());
    const kind: TimelineBand['kind'] = held ? 'held' : s.motion !== null && s.motion >= motionThreshold ? 'motion' : 'recorded';
    const last = bands[bands.length - 1];
    if (last && last.kind === kind && s.start.getTime() - new Date(last.end).getTime() <= 1000) last.end = s.end.toISOString();
    else bands.push({ start: s.start.toISOString(), end: s.end.toISOString(), kind });
  }
  return bands;
}
