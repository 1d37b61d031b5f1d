import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { Schema } from '../platform/db/schema.js';
import type { Logbook } from '../logbook/logbook.service.js';
import type { FootageStore } from './footage-store.js';
import type { HoldRepository } from './hold.repository.js';
import { heldBy } from './retention.js';
import type { SegmentRepository } from './segment.repository.js';

export interface StoreScanReport {
  at: string;
  objects: number;
  rows: number;
  /** Objects no index row names (nor the purge queue). `old`: past the grace period, so no ingest can still be about to index it. */
  objectsWithoutRow: { key: string; modifiedAt: string | null; old: boolean }[];
  /** Index rows whose object is missing: footage lost. `held`: an active hold covers it (INV-2: reported, never deleted). */
  rowsWithoutObject: { id: number; cameraId: string; storageKey: string; start: string; held: boolean }[];
  fixed: { objectsDeleted: number; rowsDeleted: number } | null;
}

type Actor = { id: string | null; name: string; role: string | null };

/**
 * The orphan scan (`toezicht recorder scan [--fix]`): compares the footage store with the index.
 * Reports store objects without an index row and index rows without an object; with `fix` it
 * deletes orphan objects older than the grace period (an ingest writes its object moments before
 * its row, so a younger one may be about to be indexed) and the index rows of lost footage —
 * through deleteUnheld, so a row an active hold covers stays and is reported as held footage lost.
 * Every scan writes one logboek entry (counts; what was deleted).
 */
export class StoreScan {
  constructor(
    private readonly d: {
      db: Kysely<Schema>;
      segments: SegmentRepository;
      holds: HoldRepository;
      store: FootageStore;
      logbook: Logbook;
      clock: Clock;
      graceMs?: number;
    },
  ) {}

  async scan(o: { fix: boolean; actor: Actor; graceMs?: number }): Promise<StoreScanReport> {
    const now = this.d.clock.now();
    const graceMs = o.graceMs ?? this.d.graceMs ?? 3_600_000;
    const objects = new Map<string, Date | null>();
    if (this.d.store.entries) for await (const e of this.d.store.entries('')) objects.set(e.key, e.modifiedAt);
    else for await (const key of this.d.store.list('')) objects.set(key, null);

    const purging = new Set((await this.d.db.selectFrom('recording_purge_queue').select('storage_key').execute()).map((r) => r.storage_key));
    const indexed = new Set<string>();
    const missing: { id: number; cameraId: string; storageKey: string; start: Date; end: Date }[] = [];
    let rows = 0;
    for (let after = 0; ; ) {
      const page = await this.d.db
        .selectFrom('recording_segments')
        .select(['id', 'camera_id', 'storage_key', 'start_at', 'end_at'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(10_000)
        .execute();
      if (!page.length) break;
      for (const r of page) {
        rows++;
        indexed.add(r.storage_key);
        if (!objects.has(r.storage_key)) missing.push({ id: Number(r.id), cameraId: r.camera_id, storageKey: r.storage_key, start: new Date(r.start_at), end: new Date(r.end_at) });
      }
      after = Number(page[page.length - 1]!.id);
    }

    const objectsWithoutRow = [...objects]
      .filter(([key]) => !indexed.has(key) && !purging.has(key))
      .map(([key, modifiedAt]) => ({ key, modifiedAt: modifiedAt?.toISOString() ?? null, old: modifiedAt !== null && now.getTime() - modifiedAt.getTime() > graceMs }));
    const windows = new Map<string, Awaited<ReturnType<HoldRepository['activeWindows']>>>();
    const rowsWithoutObject: StoreScanReport['rowsWithoutObject'] = [];
    for (const m of missing) {
      if (!windows.has(m.cameraId)) windows.set(m.cameraId, await this.d.holds.activeWindows(m.cameraId));
      rowsWithoutObject.push({ id: m.id, cameraId: m.cameraId, storageKey: m.storageKey, start: m.start.toISOString(), held: !!heldBy(m, windows.get(m.cameraId)!) });
    }

    let fixed: StoreScanReport['fixed'] = null;
    if (o.fix) {
      fixed = { objectsDeleted: 0, rowsDeleted: 0 };
      for (const orphan of objectsWithoutRow.filter((x) => x.old)) {
        // Still without a row now (checked again right before deleting)?
        if (await this.d.segments.findByStorageKey(orphan.key)) continue;
        await this.d.store.delete(orphan.key);
        fixed.objectsDeleted++;
      }
      const byCamera = new Map<string, number[]>();
      for (const r of rowsWithoutObject.filter((x) => !x.held)) byCamera.set(r.cameraId, [...(byCamera.get(r.cameraId) ?? []), r.id]);
      for (const [cameraId, ids] of byCamera) {
        const deleted = await this.d.db.transaction().execute(async (trx) => {
          await this.d.segments.lockCamera(trx, cameraId);
          return this.d.segments.deleteUnheld(trx, cameraId, ids, now);
        });
        fixed.rowsDeleted += deleted.length;
      }
    }

    const report: StoreScanReport = { at: now.toISOString(), objects: objects.size, rows, objectsWithoutRow, rowsWithoutObject, fixed };
    await this.d.logbook.record({
      actor: o.actor,
      action: 'recording.store_scan',
      subject: {
        fix: o.fix, objects: report.objects, rows, objectsWithoutRow: objectsWithoutRow.length, oldObjectsWithoutRow: objectsWithoutRow.filter((x) => x.old).length,
        rowsWithoutObject: rowsWithoutObject.length, heldRowsWithoutObject: rowsWithoutObject.filter((x) => x.held).length, ...(fixed ?? {}),
      },
    });
    return report;
  }
}
