import crypto from 'node:crypto';
import type { Executor } from '../auth/user.repository.js';
import { conflict, notFound } from '../platform/errors.js';
import type { Camera } from './camera.js';
import { toCamera } from './camera.repository.js';
import type { CameraService } from './camera.service.js';
import { toCheck, toDefect, type CheckResult, type Defect } from './check.repository.js';
import type { RegisterActor, RegisterDeps } from './register.deps.js';
import { toSite } from './site.repository.js';

export interface CheckInput {
  imageOk: boolean;
  timeOk: boolean;
  signageOk: boolean;
  viewOk: boolean;
  notes?: string | null;
}

export interface OverdueCheck {
  cameraId: string;
  cameraName: string;
  siteId: string;
  siteName: string;
  lastCheckedAt: string | null;
  dueAt: string;
}

const dayMs = 86_400_000;

/** When a camera's next periodic check is due: its interval after the last check (or activation, or registration). */
export function checkDueAt(camera: Pick<Camera, 'activatedAt' | 'createdAt'>, lastCheckedAt: string | null, intervalDays: number): string {
  const from = lastCheckedAt ?? camera.activatedAt ?? camera.createdAt;
  return new Date(new Date(from).getTime() + intervalDays * dayMs).toISOString();
}

/** Periodic checks and defects (MOZ-2.3, WCP-3): a failed check opens a defect; a defect takes the camera out of service until repaired. */
export class CheckService {
  constructor(
    private readonly d: RegisterDeps,
    private readonly cameras: CameraService,
  ) {}

  async recordCheck(cameraId: string, input: CheckInput, by: RegisterActor): Promise<{ check: CheckResult; defect: Defect | null }> {
    const id = crypto.randomUUID();
    let defectId: string | null = null;
    await this.d.db.transaction().execute(async (trx) => {
      const camera = await this.camera(cameraId, trx);
      const at = this.d.clock.now().toISOString();
      const notes = input.notes?.trim() || null;
      await this.d.checks.insertCheck(
        { id, camera_id: cameraId, checked_at: at, checked_by: by.name, image_ok: +input.imageOk, time_ok: +input.timeOk, signage_ok: +input.signageOk, view_ok: +input.viewOk, notes },
        trx,
      );
      const failed = (['imageOk', 'timeOk', 'signageOk', 'viewOk'] as const).filter((k) => !input[k]);
      await this.d.logbook.append(trx, { actor: by, action: 'register.check_recorded', subject: { cameraId, checkId: id, failed } });
      if (failed.length > 0) {
        defectId = await this.openDefect(camera, `${failed.join(', ')}${notes ? `: ${notes}` : ''}`, id, by, trx);
      }
    });
    const check = toCheck((await this.d.checks.checksFor(cameraId, 1))[0]!);
    return { check, defect: defectId ? toDefect((await this.d.checks.findDefect(defectId))!) : null };
  }

  async reportDefect(cameraId: string, description: string, by: RegisterActor): Promise<Defect> {
    const id = await this.d.db.transaction().execute(async (trx) => this.openDefect(await this.camera(cameraId, trx), description.trim(), null, by, trx));
    return toDefect((await this.d.checks.findDefect(id))!);
  }

  async repair(defectId: string, notes: string | null, by: RegisterActor): Promise<Defect> {
    await this.d.db.transaction().execute(async (trx) => {
      const defect = await this.d.checks.findDefect(defectId, trx);
      if (!defect) throw notFound('defect_not_found', `No defect ${defectId}`);
      if (defect.repaired_at) throw conflict('defect_repaired', 'This defect is already repaired', 'defect');
      await this.d.checks.repair(defectId, { repaired_at: this.d.clock.now().toISOString(), repaired_by: by.name, repair_notes: notes?.trim() || null }, trx);
      await this.d.logbook.append(trx, { actor: by, action: 'register.defect_repaired', subject: { cameraId: defect.camera_id, defectId } });
      if ((await this.d.checks.defects({ cameraId: defect.camera_id, open: true }, trx)).length === 0) {
        await this.cameras.returnFromDefect(defect.camera_id, by, trx);
      }
    });
    return toDefect((await this.d.checks.findDefect(defectId))!);
  }

  async defects(filter: { open?: boolean; cameraId?: string }): Promise<Defect[]> {
    return (await this.d.checks.defects(filter)).map(toDefect);
  }

  /** Cameras in service (active or defect, not dummies) whose site has a schedule and whose check is due. */
  async overdue(): Promise<OverdueCheck[]> {
    const now = this.d.clock.now().toISOString();
    const sites = new Map((await this.d.sites.list()).map((row) => [row.id, toSite(row)]));
    const last = await this.d.checks.lastCheckTimes();
    const out: OverdueCheck[] = [];
    for (const camera of (await this.d.cameras.list({ statuses: ['active', 'defect'] })).map(toCamera)) {
      const site = sites.get(camera.siteId);
      if (!site?.checkIntervalDays || camera.dummy) continue;
      const lastCheckedAt = last.get(camera.id) ?? null;
      const dueAt = checkDueAt(camera, lastCheckedAt, site.checkIntervalDays);
      if (dueAt <= now) out.push({ cameraId: camera.id, cameraName: camera.name, siteId: site.id, siteName: site.name, lastCheckedAt, dueAt });
    }
    return out.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  }

  async countOpenDefects(): Promise<number> {
    return this.d.checks.countOpenDefects();
  }

  private async camera(cameraId: string, trx: Executor): Promise<Camera> {
    const row = await this.d.cameras.findById(cameraId, trx);
    if (!row) throw notFound('camera_not_found', `No camera ${cameraId}`);
    const camera = toCamera(row);
    if (camera.status === 'retired') throw conflict('camera_retired', 'A retired camera is not checked', 'camera');
    return camera;
  }

  /** Opens a defect; an active camera goes out of service (status defect) until the repair. */
  private async openDefect(camera: Camera, description: string, checkId: string | null, by: RegisterActor, trx: Executor): Promise<string> {
    const id = crypto.randomUUID();
    const at = this.d.clock.now().toISOString();
    await this.d.checks.insertDefect({ id, camera_id: camera.id, check_id: checkId, reported_at: at, reported_by: by.name, description, repaired_at: null, repaired_by: null, repair_notes: null }, trx);
    await this.d.logbook.append(trx, { actor: by, action: 'register.defect_reported', subject: { cameraId: camera.id, defectId: id, checkId } });
    if (camera.status === 'active') {
      await this.d.cameras.update(camera.id, { status: 'defect', updated_at: at }, trx);
      await this.d.logbook.append(trx, { actor: by, action: 'register.camera_status_changed', subject: { cameraId: camera.id, siteId: camera.siteId, name: camera.name, from: 'active', to: 'defect' } });
    }
    return id;
  }
}
