import { DomainError, notFound } from '../platform/errors.js';
import type { Executor } from '../auth/user.repository.js';
import type { ProtocolProfile } from '../protocol/profile.schema.js';
import { activationCheck, type ActivationCheck } from './activation.js';
import { toApproval } from './approval.repository.js';
import { toCamera } from './camera.repository.js';
import { dutchDate, type ApprovalRecord, type Camera, type Site } from './camera.js';
import type { RegisterDeps } from './register.deps.js';
import { effectiveProfile } from './site-profile.js';
import { toSite } from './site.repository.js';

export interface CameraContext {
  camera: Camera;
  site: Site;
  profile: ProtocolProfile;
  approvals: ApprovalRecord[];
}

/** Loads what activation gating needs and turns a refusal into a domain error naming the rule. */
export class ActivationGate {
  constructor(private readonly d: RegisterDeps) {}

  async context(cameraId: string, ex: Executor = this.d.db): Promise<CameraContext> {
    const row = await this.d.cameras.findById(cameraId, ex);
    if (!row) throw notFound('camera_not_found', `No camera ${cameraId}`);
    const siteRow = await this.d.sites.findById(row.site_id, ex);
    if (!siteRow) throw notFound('site_not_found', `No site ${row.site_id}`);
    const site = toSite(siteRow);
    const approvals = (await this.d.approvals.forCameras([cameraId], ex)).map(toApproval);
    return { camera: toCamera(row), site, profile: effectiveProfile(site, this.d.activeProfile), approvals };
  }

  /** Contexts for many cameras with three queries (the recorder's list, the register overview). */
  async contexts(cameras: readonly Camera[], ex: Executor = this.d.db): Promise<CameraContext[]> {
    const sites = new Map((await this.d.sites.list(ex)).map((row) => [row.id, toSite(row)]));
    const profiles = new Map<string, ProtocolProfile>();
    const approvals = (await this.d.approvals.forCameras(cameras.map((c) => c.id), ex)).map(toApproval);
    return cameras.map((camera) => {
      const site = sites.get(camera.siteId)!;
      if (!profiles.has(site.id)) profiles.set(site.id, effectiveProfile(site, this.d.activeProfile));
      return { camera, site, profile: profiles.get(site.id)!, approvals: approvals.filter((a) => a.cameraId === camera.id) };
    });
  }

  check(ctx: CameraContext): ActivationCheck {
    return activationCheck(ctx.profile, ctx.site, ctx.camera, ctx.approvals, dutchDate(this.d.clock.now()));
  }

  /** Throws the refusal (403 where the protocol forbids, 409 while something is missing), or returns the check. */
  require(ctx: CameraContext): ActivationCheck {
    const check = this.check(ctx);
    if (!check.allowed) throw refusal(check, ctx.camera);
    return check;
  }
}

export function refusal(check: ActivationCheck, camera: Pick<Camera, 'id' | 'name'>): DomainError {
  return new DomainError(check.refusal === 'forbidden' ? 'forbidden' : 'conflict', check.code, `Camera ${camera.name}: ${check.message.en}`, {
    ...(check.rule ? { rule: check.rule } : {}),
    message: { nl: `Camera ${camera.name}: ${check.message.nl}`, en: `Camera ${camera.name}: ${check.message.en}` },
    cameraId: camera.id,
  });
}
