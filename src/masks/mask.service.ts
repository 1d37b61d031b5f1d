import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/policy.js';
import type { Logbook } from '../logbook/logbook.service.js';
import type { Clock } from '../platform/clock.js';
import type { Schema } from '../platform/db/schema.js';
import { conflict, DomainError, forbidden, notFound } from '../platform/errors.js';
import { liftProblems, maskSetProblems, polygonsToApply, reasonProblem, type Lift, type LiftRequest, type MaskContext, type MaskPolygon, type MaskVersion, type Problem } from './mask.js';
import type { MaskRepository } from './mask.repository.js';
import type { LiftRow, MaskVersionRow } from './mask.table.js';
import type { Polygon } from './polygon.js';

export interface MaskServiceDeps {
  db: Kysely<Schema>;
  masks: MaskRepository;
  logbook: Logbook;
  clock: Clock;
  /** The camera register: whether a camera exists, and its name for the logboek. */
  cameraName(cameraId: string): Promise<string | null>;
  /** A view session, to check that a lift for it is the lifter's own and still open. */
  viewSession(id: string): Promise<{ userId: string; endedAt: string | null; cameraIds: string[] } | null>;
}

type Ip = string | null;

/**
 * Privacy masks (issue 9 item 4; DOM-2, WEL-4, SOE-8): each camera's versioned mask set, and lifts.
 * Every change and every lift is a logboek entry written in the same transaction as its row.
 */
export class MaskService {
  private readonly listeners = new Set<(cameraId: string) => void>();

  constructor(private readonly d: MaskServiceDeps) {}

  /**
   * Called (in this process) after a camera's masks changed: a new version saved, a lift started or
   * ended. Live feeds use it to put the new masks on the picture at once; a change made by another
   * process, or a lift that expires, they see by polling liveState. Returns the unsubscribe.
   */
  onChange(listener: (cameraId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** What a running live feed must follow: the current mask version, whether it masks anything, and the lifts open now (ids, sorted). */
  async liveState(cameraId: string): Promise<{ version: number; masked: boolean; lifts: string[] }> {
    const [current, lifts] = await Promise.all([this.d.masks.latest(cameraId), this.d.masks.openLifts(cameraId, this.d.clock.now().toISOString())]);
    const now = this.d.clock.now().getTime();
    return {
      version: current ? Number(current.version) : 0,
      masked: current ? toVersion(current).polygons.length > 0 : false,
      lifts: lifts.filter((l) => new Date(l.started_at).getTime() <= now).map((l) => l.id).sort(),
    };
  }

  private changed(cameraId: string): void {
    for (const listener of this.listeners) {
      try {
        listener(cameraId);
      } catch {
        // A listener's failure is its own; the change is committed.
      }
    }
  }

  async current(cameraId: string): Promise<MaskVersion | null> {
    const row = await this.d.masks.latest(cameraId);
    return row ? toVersion(row) : null;
  }

  async history(cameraId: string): Promise<{ cameraName: string; versions: MaskVersion[]; lifts: Lift[] }> {
    const cameraName = await this.camera(cameraId);
    const [versions, lifts] = await Promise.all([this.d.masks.versions(cameraId), this.d.masks.recentLifts(cameraId, 50)]);
    return { cameraName, versions: versions.map(toVersion), lifts: lifts.map(toLift) };
  }

  /** Saves the camera's whole mask set as a new version (an empty set removes every mask; history stays). */
  async save(cameraId: string, polygons: MaskPolygon[], reason: string, by: Actor, ip: Ip): Promise<MaskVersion> {
    const name = await this.camera(cameraId);
    const problems = [...maskSetProblems(polygons), ...[reasonProblem(reason)].filter((p): p is Problem => p !== null)];
    if (problems.length) throw invalidMask(problems);
    const clean = polygons.map((p) => ({ name: p.name.trim(), points: p.points.map(({ x, y }) => ({ x: round(x), y: round(y) })) }));
    const at = this.d.clock.now().toISOString();
    const seen = (await this.d.masks.latest(cameraId))?.version ?? 0;
    const saved = this.d.db.transaction().execute(async (trx) => {
      const previous = await this.d.masks.latest(cameraId, trx);
      const version = (previous?.version ?? 0) + 1;
      const { seq } = await this.d.logbook.append(trx, {
        actor: { id: by.id, name: by.username, role: by.role },
        action: 'privacy_mask.saved',
        subject: { camera: cameraId, cameraName: name, version, masks: clean.map((p) => ({ name: p.name, corners: p.points.length })), previousVersion: previous?.version ?? null },
        reason: reason.trim(),
        ip,
      });
      const row = {
        camera_id: cameraId, version, polygons: JSON.stringify(clean), reason: reason.trim(), created_at: at,
        created_by_id: by.id, created_by_name: by.username, logbook_seq: seq,
      };
      await this.d.masks.insertVersion(row, trx);
      return toVersion({ ...row, id: 0 });
    });
    try {
      const version = await saved;
      this.changed(cameraId);
      return version;
    } catch (err) {
      // Two saves at once: the (camera, version) key refuses the second; its author reloads and decides again.
      if (((await this.d.masks.latest(cameraId))?.version ?? 0) > seen) throw conflict('privacy_mask_changed', 'The masks were changed by someone else meanwhile; reload and save again');
      throw err;
    }
  }

  /** Starts a lift (the route has checked the right, lift_privacy_masks); logged with its reason. */
  async lift(cameraId: string, input: LiftRequest, by: Actor, ip: Ip): Promise<Lift> {
    const name = await this.camera(cameraId);
    const problems = liftProblems(input);
    if (problems.length) throw invalidMask(problems);
    const current = await this.current(cameraId);
    if (!current || current.polygons.length === 0) throw conflict('no_privacy_mask', 'This camera has no privacy mask to lift');
    const viewSessionId = input.viewSessionId?.trim() || null;
    if (viewSessionId) {
      const session = await this.d.viewSession(viewSessionId);
      if (!session || session.userId !== by.id || session.endedAt) {
        throw forbidden('lift_view_session_foreign', 'A lift is for one of your own open view sessions', 'X-2');
      }
      if (!session.cameraIds.includes(cameraId)) throw forbidden('lift_camera_not_in_view_session', 'This camera is not part of that view session', 'X-2');
    }
    const now = this.d.clock.now();
    const lift: Lift = {
      id: crypto.randomUUID(), cameraId, userId: by.id, username: by.username, viewSessionId, caseRef: viewSessionId ? null : input.caseRef!.trim(),
      reason: input.reason.trim(), startedAt: now.toISOString(), expiresAt: new Date(now.getTime() + input.minutes * 60_000).toISOString(), endedAt: null,
    };
    await this.d.db.transaction().execute(async (trx) => {
      const { seq } = await this.d.logbook.append(trx, {
        actor: { id: by.id, name: by.username, role: by.role },
        action: 'privacy_mask.lifted',
        subject: { camera: cameraId, cameraName: name, lift: lift.id, maskVersion: current.version, viewSession: lift.viewSessionId, until: lift.expiresAt },
        reason: lift.reason,
        caseRef: lift.caseRef,
        ip,
      });
      await this.d.masks.insertLift({
        id: lift.id, camera_id: cameraId, user_id: by.id, username: by.username, role: by.role, view_session_id: lift.viewSessionId, case_ref: lift.caseRef,
        reason: lift.reason, started_at: lift.startedAt, expires_at: lift.expiresAt, ended_at: null, logbook_seq: seq,
      }, trx);
    });
    this.changed(cameraId);
    return lift;
  }

  async endLift(cameraId: string, id: string, by: Actor, ip: Ip): Promise<Lift> {
    const row = await this.d.masks.lift(id);
    if (!row || row.camera_id !== cameraId) throw notFound('lift_not_found', `No lift ${id} of this camera`);
    const at = this.d.clock.now().toISOString();
    await this.d.db.transaction().execute(async (trx) => {
      if (!(await this.d.masks.endLift(id, at, trx))) throw conflict('lift_ended', 'This lift has already ended');
      await this.d.logbook.append(trx, {
        actor: { id: by.id, name: by.username, role: by.role }, action: 'privacy_mask.lift_ended', subject: { camera: cameraId, lift: id }, caseRef: row.case_ref, ip,
      });
    });
    this.changed(cameraId);
    return toLift({ ...row, ended_at: at });
  }

  /**
   * The polygons to burn into footage of the camera for this viewer or export, and the mask version
   * (for caching): none when the camera has no mask or an applicable lift is active.
   */
  async toApply(cameraId: string, context: MaskContext): Promise<{ polygons: Polygon[]; version: number; liftId: string | null }> {
    const current = await this.current(cameraId);
    if (!current || current.polygons.length === 0) return { polygons: [], version: current?.version ?? 0, liftId: null };
    const now = this.d.clock.now();
    const lifts = (await this.d.masks.openLifts(cameraId, now.toISOString())).map(toLift);
    const applied = polygonsToApply(current, lifts, context, now);
    return { polygons: applied.polygons, version: current.version, liftId: applied.lift?.id ?? null };
  }

  /** The port the redaction render takes: the camera's current polygons (a redacted copy never lifts a mask). */
  polygonsOf = async (cameraId: string): Promise<Polygon[]> => (await this.current(cameraId))?.polygons.map((p) => p.points) ?? [];

  private async camera(cameraId: string): Promise<string> {
    const name = await this.d.cameraName(cameraId);
    if (name === null) throw notFound('camera_not_found', `No camera ${cameraId} in the register`);
    return name;
  }
}

function invalidMask(problems: Problem[]): DomainError {
  const first = problems[0]!;
  return new DomainError('invalid', 'privacy_mask_invalid', problems.map((p) => `${p.field}: ${p.en}`).join('; '), {
    field: first.field,
    message: { nl: problems.map((p) => p.nl).join('; '), en: problems.map((p) => p.en).join('; ') },
  });
}

/** Coordinates are kept to 1/100000 of the picture: finer than any pixel, stable in JSON. */
const round = (v: number) => Math.round(v * 100_000) / 100_000;

function toVersion(row: MaskVersionRow): MaskVersion {
  return {
    cameraId: row.camera_id, version: Number(row.version), polygons: JSON.parse(row.polygons) as MaskPolygon[], reason: row.reason, createdAt: row.created_at, createdBy: row.created_by_name,
  };
}

function toLift(row: LiftRow): Lift {
  return {
    id: row.id, cameraId: row.camera_id, userId: row.user_id, username: row.username, viewSessionId: row.view_session_id, caseRef: row.case_ref, reason: row.reason,
    startedAt: row.started_at, expiresAt: row.expires_at, endedAt: row.ended_at,
  };
}
