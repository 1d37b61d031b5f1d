/**
 * Whether a live fMP4 fragment (moof + mdat) begins with a keyframe (a sync sample), read from its
 * moof: the first sample's flags come from trun's first-sample-flags, else its per-sample flags,
 * else tfhd's default-sample-flags (ISO/IEC 14496-12 8.8.7, 8.8.8). A viewer joining a live feed
 * must start at such a fragment; fragments between keyframes continue the picture.
 */
export function startsWithKeyframe(fragment: Buffer): boolean {
  const moof = child(fragment, 0, fragment.length, 'moof');
  if (!moof) return false;
  const traf = child(fragment, moof.body, moof.end, 'traf');
  if (!traf) return false;
  const tfhd = child(fragment, traf.body, traf.end, 'tfhd');
  const trun = child(fragment, traf.body, traf.end, 'trun');
  if (!trun) return false;
  const trunFlags = fragment.readUInt32BE(trun.body) & 0xffffff;
  let at = trun.body + 8; // version/flags, sample_count
  if (trunFlags & 0x1) at += 4; // data_offset
  let flags: number | null = null;
  if (trunFlags & 0x4) flags = fragment.readUInt32BE(at);
  else if (trunFlags & 0x400) {
    // The first sample's record: duration, size, then flags.
    if (trunFlags & 0x100) at += 4;
    if (trunFlags & 0x200) at += 4;
    flags = fragment.readUInt32BE(at);
  } else if (tfhd) flags = defaultSampleFlags(fragment, tfhd.body);
  // No flags anywhere: every sample is a sync sample.
  return flags === null || (flags & 0x00010000) === 0;
}

function defaultSampleFlags(buf: Buffer, body: number): number | null {
  const flags = buf.readUInt32BE(body) & 0xffffff;
  let at = body + 8; // version/flags, track_ID
  if (flags & 0x1) at += 8;
  if (flags & 0x2) at += 4;
  if (flags & 0x8) at += 4;
  if (flags & 0x10) at += 4;
  return flags & 0x20 ? buf.readUInt32BE(at) : null;
}

/** The first child box of `type` in buf[from, to): its body's start and its end; null when absent or malformed. */
export function child(buf: Buffer, from: number, to: number, type: string): { body: number; end: number } | null {
  let at = from;
  while (at + 8 <= to) {
    const size = buf.readUInt32BE(at);
    if (size < 8 || at + size > to) return null;
    if (buf.toString('latin1', at + 4, at + 8) === type) return { body: at + 8, end: at + size };
    at += size;
  }
  return null;
}
