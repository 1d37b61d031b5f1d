import { decryptSegment, encryptSegment } from '../../recording/footage-crypto.js';

/**
 * Track thumbnails are personal data cut from footage (issue 9): they are kept encrypted with the
 * day key of the camera and UTC day of the footage they were cut from (AES-256-GCM, the footage's
 * own format), bound to the analysis and track. Destroying that day key at the end of retention
 * (INV-9) makes the thumbnail unreadable together with the footage; a hold that keeps the footage
 * keeps the key, and so the thumbnail. Pure: the key is the caller's.
 */
export function thumbnailBinding(analysisId: string, trackId: string): string {
  return `redaction-thumbnail:${analysisId}/${trackId}`;
}

export function sealThumbnail(dayKey: Buffer, jpeg: Buffer, analysisId: string, trackId: string): Buffer {
  return encryptSegment(dayKey, jpeg, thumbnailBinding(analysisId, trackId));
}

/** Throws FootageKeyError('footage_corrupt') for bytes that are not this track's sealed thumbnail. */
export function openThumbnail(dayKey: Buffer, sealed: Buffer, analysisId: string, trackId: string): Buffer {
  return decryptSegment(dayKey, sealed, thumbnailBinding(analysisId, trackId));
}

/** The UTC day whose key seals a thumbnail taken at `at`: that of the segment holding the instant (a segment's day is its start's). */
export function thumbnailDay(segments: readonly { start: Date; end: Date; day: string }[], at: Date): string | null {
  const t = at.getTime();
  const holding = segments.find((s) => s.start.getTime() <= t && t < s.end.getTime())
    ?? [...segments].reverse().find((s) => s.start.getTime() <= t)
    ?? segments[0];
  return holding?.day ?? null;
}
