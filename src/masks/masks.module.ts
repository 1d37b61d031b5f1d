import type { Kysely } from 'kysely';
import type { Logbook } from '../logbook/logbook.service.js';
import type { Clock } from '../platform/clock.js';
import type { Schema } from '../platform/db/schema.js';
import type { FfmpegBinaries } from '../recording/media-tools.js';
import { withPrivacyMask } from './mask-args.js';
import { maskPng } from './mask-image.js';
import { MaskedSegmentCache } from './mask-render.js';
import { MaskStill, type LatestFootage } from './mask-still.js';
import type { MaskContext } from './mask.js';
import { MaskRepository } from './mask.repository.js';
import { MaskService, type MaskServiceDeps } from './mask.service.js';
import type { Polygon } from './polygon.js';

/**
 * What watching, exports and redaction take from the masks (issue 9 item 4). Each asks with the
 * context of whoever will see the footage; without an applicable, logged lift the masks are burnt in.
 */
/** A live feed other than the camera's plain one: its own key, and its ffmpeg arguments. */
export interface LiveVariant {
  key: string;
  args(args: string[]): string[];
}

export interface PrivacyMasks {
  service: MaskService;
  still: MaskStill;
  /** A recorded segment (decrypted fMP4) as this viewer/export may see it: masked unless lifted. */
  segment(cameraId: string, segmentId: number | string, context: MaskContext, read: () => Promise<Buffer>): Promise<Buffer>;
  /**
   * How this viewer's live feed of the camera differs from the plain one: null for a camera without
   * masks (the shared stream-copy feed); otherwise a feed key (camera + mask version, or the lift)
   * and the rewrite of the feed's ffmpeg arguments that burns the masks in (none for a lifted viewer).
   */
  liveVariant(cameraId: string, context: MaskContext): Promise<LiveVariant | null>;
  /** The redaction render's port: the camera's current polygons (a redacted copy never lifts a mask). */
  polygonsOf(cameraId: string): Promise<Polygon[]>;
}

export function createMasks(o: Omit<MaskServiceDeps, 'masks'> & LatestFootage & { binaries: () => Promise<FfmpegBinaries> }): PrivacyMasks {
  const service = new MaskService({ ...o, masks: new MaskRepository(o.db as Kysely<Schema>) });
  const cache = new MaskedSegmentCache(o.binaries);
  return {
    service,
    still: new MaskStill({ masks: service, footage: o, logbook: o.logbook, binaries: o.binaries }),
    async segment(cameraId, segmentId, context, read) {
      const { polygons, version } = await service.toApply(cameraId, context);
      if (polygons.length === 0) return read();
      return cache.get(`${cameraId}:${segmentId}:v${version}`, polygons, read);
    },
    async liveVariant(cameraId, context) {
      const { polygons, version, liftId } = await service.toApply(cameraId, context);
      if (polygons.length === 0) return liftId ? { key: `${cameraId}:lifted`, args: (args) => args } : null;
      const png = maskPng(polygons);
      return { key: `${cameraId}:mask-v${version}`, args: (args) => withPrivacyMask(args, png) };
    },
    polygonsOf: service.polygonsOf,
  };
}
