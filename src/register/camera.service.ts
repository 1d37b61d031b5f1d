import crypto from 'node:crypto';
import type { Executor } from '../auth/user.repository.js';
import { conflict, invalid } from '../platform/errors.js';
import type { ActivationCheck } from './activation.js';
import { ActivationGate, type CameraContext } from './activation.gate.js';
import { canMove, type Camera, type CameraStatus } from './camera.js';
import { applyCameraChanges, defaultRecordingMode, loggableChanges, sealCredentials, type CameraChanges, type CameraInput } from './camera-input.js';
import { toCamera } from './camera.repository.js';
import { toCheck, toDefect, type CheckResult, type Defect } from './check.repository.js';
import type { RegisterActor, RegisterDeps } from './register.deps.js';
import type { CameraUpdate } from './register.table.js';
import { effectiveProfile } from './site-profile.js';
import { toSite } from './site.repository.js';

export interface CameraSummary extends Camera {
  siteName: string;
  activation: Pick<ActivationCheck, 'allowed' | 'rule' | 'code' | 'message'>;
}

export interface CameraDetail extends CameraContext {
  activation: ActivationCheck;
  checks: CheckResult[];
  defects: Defect[];
}

/** Cameras: added, changed and moved through their statuses; activation only through the gate (INV-8). */
export class CameraService {
  private readonly gate: ActivationGate;

  constructor(private readonly d: RegisterDeps) {
    this.gate = new ActivationGate(d);
  }

  async list(filter: { siteId?: string; status?: CameraStatus } = {}): Promise<CameraSummary[]> {
    const cameras = (await this.d.cameras.list({ siteId: filter.siteId, statuses: filter.status ? [filter.status] : undefined })).map(toCamera);
    return (await this.gate.contexts(cameras)).map((ctx) => {
      const { allowed, rule, code, message } = this.gate.check(ctx);
      return { ...ctx.camera, siteName: ctx.site.name, activation: { allowed, rule, code, message } };
    });
  }

  async get(id: string): Promise<CameraDetail> {
    const ctx = await this.gate.context(id);
    const [checks, defects] = await Promise.all([this.d.checks.checksFor(id), this.d.checks.defects({ cameraId: id })]);
    return { ...ctx, activation: this.gate.check(ctx), checks: checks.map(toCheck), defects: defects.map(toDefect) };
  }

  async create(input: CameraInput, by: RegisterActor, ex?: Executor): Promise<Camera> {
    const id = crypto.randomUUID();
    const run = async (trx: Executor) => {
      const siteRow = await this.d.sites.findById(input.siteId, trx);
      if (!siteRow) throw invalid('site_not_found', 'No such site', 'siteId');
      const site = toSite(siteRow);
      const profile = effectiveProfile(site, this.d.activeProfile);
      const now = this.d.clock.now().toISOString();
      const blank: Camera = {
        id, siteId: site.id, name: '', location: '', areaType: input.areaType, purposes: [], legalBasis: null, responsible: null, viewChecklist: {},
        signageLocation: null, signagePhotoDocumentId: null, streamUrl: null, hasCredentials: false, secureConnection: false,
        recordingMode: defaultRecordingMode(profile), status: 'planned', dummy: false, hidden: false, staffInView: false, systematicPublic: false,
        activatedAt: null, createdAt: now, updatedAt: now,
      };
      const { siteId: _site, ...changes } = input;
      const { camera, credentials } = applyCameraChanges(profile, blank, changes);
      await this.validate(camera, trx);
      await this.d.cameras.insert({ ...toRow(camera), credentials_sealed: sealCredentials(this.d.secrets, credentials ?? null) }, trx);
      await this.d.logbook.append(trx, {
        actor: by,
        action: 'register.camera_created',
        subject: { cameraId: id, siteId: site.id, ...loggableChanges(changes, camera.streamUrl), status: camera.status },
      });
    };
    if (ex) await run(ex);
    else await this.d.db.transaction().execute(run);
    return toCamera((await this.d.cameras.findById(id, ex))!);
  }

  async update(id: string, changes: CameraChanges, by: RegisterActor): Promise<Camera> {
    await this.d.db.transaction().execute(async (trx) => {
      const ctx = await this.gate.context(id, trx);
      if (ctx.camera.status === 'retired') throw conflict('camera_retired', 'A retired camera cannot be changed', 'status');
      const { camera, credentials } = applyCameraChanges(ctx.profile, ctx.camera, changes);
      camera.updatedAt = this.d.clock.now().toISOString();
      await this.validate(camera, trx);
      // An active camera stays within what its approvals cover: a change that needs a new approval is refused (INV-8).
      if (camera.status === 'active') this.gate.require({ ...ctx, camera });
      const update: CameraUpdate = toRow(camera);
      if (credentials !== undefined) update.credentials_sealed = sealCredentials(this.d.secrets, credentials);
      await this.d.cameras.update(id, update, trx);
      await this.d.logbook.append(trx, {
        actor: by,
        action: 'register.camera_changed',
        subject: { cameraId: id, siteId: camera.siteId, name: camera.name, changes: loggableChanges(changes, camera.streamUrl) },
      });
    });
    return toCamera((await this.d.cameras.findById(id))!);
  }

  /** Moves a camera to another status; to 'active' only when everything its profile requires is on record. */
  async setStatus(id: string, to: CameraStatus, by: RegisterActor, note?: string | null): Promise<Camera> {
    await this.d.db.transaction().execute(async (trx) => {
      const ctx = await this.gate.context(id, trx);
      const from = ctx.camera.status;
      if (from === to) return;
      if (!canMove(from, to)) throw conflict('status_transition', `A camera cannot go from ${from} to ${to}`, 'status');
      const now = this.d.clock.now().toISOString();
      const update: CameraUpdate = { status: to, updated_at: now };
      if (to === 'active') {
        if ((await this.d.checks.defects({ cameraId: id, open: true }, trx)).length > 0) {
          throw conflict('defects_open', 'Repair the open defects first', 'status');
        }
        this.gate.require(ctx);
        update.activated_at = now;
      }
      if (to === 'retired') update.credentials_sealed = null; // a retired camera keeps no way in
      await this.d.cameras.update(id, update, trx);
      await this.d.logbook.append(trx, {
        actor: by,
        action: to === 'active' ? 'register.camera_activated' : 'register.camera_status_changed',
        subject: { cameraId: id, siteId: ctx.site.id, name: ctx.camera.name, from, to, profileId: ctx.profile.id },
        reason: note ?? null,
      });
    });
    return toCamera((await this.d.cameras.findById(id))!);
  }

  /** After the last open defect is repaired: back to active when the gate allows, else awaiting approval. */
  async returnFromDefect(id: string, by: RegisterActor, trx: Executor): Promise<CameraStatus> {
    const ctx = await this.gate.context(id, trx);
    if (ctx.camera.status !== 'defect') return ctx.camera.status;
    const to: CameraStatus = this.gate.check(ctx).allowed ? 'active' : 'awaiting_approval';
    await this.d.cameras.update(id, { status: to, updated_at: this.d.clock.now().toISOString() }, trx);
    await this.d.logbook.append(trx, {
      actor: by,
      action: 'register.camera_status_changed',
      subject: { cameraId: id, siteId: ctx.site.id, name: ctx.camera.name, from: 'defect', to, after: 'repair' },
    });
    return to;
  }

  private async validate(camera: Camera, ex: Executor): Promise<void> {
    const same = await this.d.cameras.findByName(camera.siteId, camera.name, ex);
    if (same && same.id !== camera.id) throw conflict('camera_name_taken', `The site already has a camera named ${camera.name}`, 'name');
    const documents: [string, string | null][] = [
      ['signagePhotoDocumentId', camera.signagePhotoDocumentId],
      ...Object.entries(camera.viewChecklist).map(([limit, answer]): [string, string | null] => [`viewChecklist.${limit}.photoDocumentId`, answer?.photoDocumentId ?? null]),
    ];
    const known = await this.d.documents.existing(documents.map(([, v]) => v).filter((v): v is string => !!v), ex);
    const missing = documents.find(([, v]) => v && !known.has(v));
    if (missing) throw invalid('unknown_document', 'No such document: upload it first', missing[0]);
  }
}


function toRow(camera: Camera) {
  return {
    id: camera.id, site_id: camera.siteId, name: camera.name, location: camera.location, area_type: camera.areaType,
    purposes: JSON.stringify(camera.purposes), legal_basis: camera.legalBasis, responsible: camera.responsible,
    view_checklist: JSON.stringify(camera.viewChecklist), signage_location: camera.signageLocation, signage_photo_document_id: camera.signagePhotoDocumentId,
    stream_url: camera.streamUrl, secure_connection: camera.secureConnection ? 1 : 0, recording_mode: camera.recordingMode, status: camera.status,
    dummy: camera.dummy ? 1 : 0, hidden: camera.hidden ? 1 : 0, staff_in_view: camera.staffInView ? 1 : 0, systematic_public: camera.systematicPublic ? 1 : 0,
    activated_at: camera.activatedAt, created_at: camera.createdAt, updated_at: camera.updatedAt,
  };
}
