import type { Actor } from '../auth/policy.js';
import type { Logbook } from '../logbook/logbook.service.js';
import { DomainError } from '../platform/errors.js';
import type { FfmpegBinaries } from '../recording/media-tools.js';
import { maskedStill } from './mask-render.js';
import type { MaskService } from './mask.service.js';

export interface LatestFootage {
  /** The camera's most recent recorded segment, if any, and how to read it decrypted. */
  latestSegment(cameraId: string): Promise<{ id: number; start: Date; read(): Promise<Buffer> } | null>;
}

/**
 * The picture the mask editor draws on: the first frame of the camera's last recorded segment, with
 * the current masks burnt in (a mask is never lifted here). Looking at it is footage access, so it is
 * a logboek entry (INV-3) with the purpose "privacy-mask placement".
 */
export class MaskStill {
  constructor(private readonly d: { masks: MaskService; footage: LatestFootage; logbook: Logbook; binaries: () => Promise<FfmpegBinaries> }) {}

  /** `mayView` throws when the actor may not view recordings; it is asked after the camera is known to exist. */
  async jpeg(cameraId: string, by: Actor, ip: string | null, mayView: () => void): Promise<Buffer> {
    await this.d.masks.history(cameraId); // 404 for a camera that is not in the register
    mayView();
    const segment = await this.d.footage.latestSegment(cameraId);
    if (!segment) {
      throw new DomainError('not_found', 'no_still', `No recorded footage of ${cameraId} to draw on`, {
        message: { nl: 'Er zijn nog geen opnames van deze camera; teken op het lege vlak.', en: 'This camera has no recordings yet; draw on the blank area.' },
      });
    }
    const current = await this.d.masks.current(cameraId);
    const polygons = current?.polygons.map((p) => p.points) ?? [];
    const jpeg = await maskedStill((await this.d.binaries()).ffmpeg, await segment.read(), polygons);
    await this.d.logbook.record({
      actor: { id: by.id, name: by.username, role: by.role },
      action: 'footage.still_viewed',
      subject: { camera: cameraId, segment: segment.id, at: segment.start.toISOString(), purpose: 'privacy_mask_placement', maskVersion: current?.version ?? null },
      reason: 'Privacymasker plaatsen (DOM-2, WEL-4, SOE-8)',
      ip,
    });
    return jpeg;
  }
}
