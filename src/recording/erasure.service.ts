import type { Kysely, Transaction } from 'kysely';
import type { Executor } from '../auth/user.repository.js';
import type { ErasedCamera, ErasureResult, ErasureWindow, FootageErasurePort } from '../cases/footage-erasure.port.js';
import type { Clock } from '../platform/clock.js';
import type { Schema } from '../platform/db/schema.js';
import type { Logger } from '../platform/logger.js';
import type { DayKeys } from './day-keys.js';
import type { FootageStore } from './footage-store.js';
import type { HoldRepository } from './hold.repository.js';
import { dayEnd } from './segment.js';
import type { SegmentRepository } from './segment.repository.js';

/** A day's key is destroyed by an erasure only once the day is over by this much (late segments of an outage's spool). */
export const erasureKeyGraceMs = 3_600_000;

export interface FootageErasureDeps {
  db: Kysely<Schema>;
  segments: SegmentRepository;
  holds: HoldRepository;
  keys: DayKeys;
  store: FootageStore;
  clock: Clock;
  logger?: Logger;
}

/**
 * The recorder's side of an erasure decision (AVG art. 17; the cases' FootageErasurePort). Uses
 * the recorder's own deletion path: per camera, under the camera lock that hold creation also
 * takes, through SegmentRepository.deleteUnheld (whose statement re-checks the holds, INV-2), with
 * the objects queued in the purge queue in the same transaction. A day whose footage is then
 * entirely gone loses its key (INV-9). Writes no logboek entry: the case step records it.
 */
export class FootageErasureService implements FootageErasurePort {
  constructor(private readonly d: FootageErasureDeps) {}

  async erase(window: ErasureWindow, ex: Executor): Promise<ErasureResult | { heldBy: { holdId: string; caseRef: string | null; kind: string }[] }> {
    const run = (trx: Transaction<Schema>) => this.eraseIn(trx, window);
    return ex.isTransaction ? run(ex as Transaction<Schema>) : (ex as Kysely<Schema>).transaction().execute(run);
  }

  private async eraseIn(trx: Transaction<Schema>, window: ErasureWindow) {
    const from = new Date(window.from);
    const to = new Date(window.to);
    if (!(from.getTime() < to.getTime())) throw new Error('an erasure window ends after it starts');
    const cameraIds = [...new Set(window.cameraIds)].sort(); // one lock order for every caller
    for (const cameraId of cameraIds) await this.d.segments.lockCamera(trx, cameraId);
    // Under the locks no hold can appear: ask which holds cover any segment the window touches.
    const found = new Map<string, Awaited<ReturnType<SegmentRepository['between']>>>();
    const heldBy = new Map<string, { holdId: string; caseRef: string | null; kind: string }>();
    for (const cameraId of cameraIds) {
      const segments = await this.d.segments.between(cameraId, from, to, trx);
      found.set(cameraId, segments);
      if (!segments.length) continue;
      const first = segments[0]!.start.toISOString();
      const last = new Date(Math.max(...segments.map((s) => s.end.getTime()))).toISOString();
      for (const hold of await this.d.holds.covering(cameraId, first, last, trx)) heldBy.set(hold.id, { holdId: hold.id, caseRef: hold.caseRef, kind: hold.kind });
    }
    if (heldBy.size) return { heldBy: [...heldBy.values()] };

    const now = this.d.clock.now();
    const cameras: ErasedCamera[] = [];
    const storageKeys: string[] = [];
    for (const cameraId of cameraIds) {
      const segments = found.get(cameraId)!;
      const deleted = await this.d.segments.deleteUnheld(trx, cameraId, segments.map((s) => s.id), now);
      if (deleted.length !== segments.length) throw new Error(`erasure of ${cameraId}: ${segments.length - deleted.length} segment(s) held after the check`);
      storageKeys.push(...deleted.map((s) => s.storageKey));
      const keysDestroyed: string[] = [];
      for (const day of [...new Set(deleted.map((s) => s.day))].sort()) {
        const end = dayEnd(day);
        if (end.getTime() + erasureKeyGraceMs > now.getTime()) continue; // the day may still get footage
        const left = await this.d.segments.countStartingIn(cameraId, new Date(end.getTime() - 86_400_000), end, trx);
        if (left === 0 && (await this.d.keys.destroy(cameraId, day, trx))) keysDestroyed.push(day);
      }
      cameras.push({ cameraId, segments: deleted.length, bytes: deleted.reduce((sum, s) => sum + s.storedBytes, 0), keysDestroyed });
    }
    return { cameras, storageKeys };
  }

  async purge(storageKeys: readonly string[]): Promise<number> {
    const done: string[] = [];
    for (const key of storageKeys) {
      try {
        await this.d.store.delete(key);
        done.push(key);
      } catch (err) {
        // It stays in the purge queue; the next retention sweep removes it (its day key may be gone already).
        this.d.logger?.error({ err, key }, 'removing an erased object failed; it stays queued');
      }
    }
    await this.d.segments.dequeuePurged(done);
    return done.length;
  }
}
