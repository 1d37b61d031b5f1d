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
export interface PrivacyMasks {
  service: MaskService;
  still: MaskStill;
  /** A recorded segment (decrypted fMP4) as this viewer/export may see it: masked unless lifted. */
  segment(cameraId: string, segmentId: number | string, context: MaskContext, read: () => Promise<Buffer>): Promise<Buffer>;
  /** A live feed's ffmpeg arguments with the masks burnt in, and a feed key that separates masked from unmasked feeds. */
  liveArgs(cameraId: string, args: string[], context: MaskContext): Promise<{ args: string[]; feedKey: string }>;
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
    async liveArgs(cameraId, args, context) {
      const { polygons, version, liftId } = await service.toApply(cameraId, context);
      if (polygons.length === 0) return { args, feedKey: liftId ? `${cameraId}:lifted` : cameraId };
      return { args: withPrivacyMask(args, maskPng(polygons)), feedKey: `${cameraId}:mask-v${version}` };
    },
    polygonsOf: service.polygonsOf,
  };
}
