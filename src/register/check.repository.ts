import type { Kysely } from 'kysely';
import type { Executor } from '../auth/user.repository.js';
import type { Schema } from '../platform/db/schema.js';
import type { CheckRow, DefectRow } from './register.table.js';

export interface CheckResult {
  id: string;
  cameraId: string;
  checkedAt: string;
  checkedBy: string;
  imageOk: boolean;
  timeOk: boolean;
  signageOk: boolean;
  viewOk: boolean;
  notes: string | null;
}

export interface Defect {
  id: string;
  cameraId: string;
  checkId: string | null;
  reportedAt: string;
  reportedBy: string;
  description: string;
  repairedAt: string | null;
  repairedBy: string | null;
  repairNotes: string | null;
}

export const toCheck = (row: CheckRow): CheckResult => ({
  id: row.id,
  cameraId: row.camera_id,
  checkedAt: row.checked_at,
  checkedBy: row.checked_by,
  imageOk: row.image_ok === 1,
  timeOk: row.time_ok === 1,
  signageOk: row.signage_ok === 1,
  viewOk: row.view_ok === 1,
  notes: row.notes,
});

export const toDefect = (row: DefectRow): Defect => ({
  id: row.id,
  cameraId: row.camera_id,
  checkId: row.check_id,
  reportedAt: row.reported_at,
  reportedBy: row.reported_by,
  description: row.description,
  repairedAt: row.repaired_at,
  repairedBy: row.repaired_by,
  repairNotes: row.repair_notes,
});

/** Periodic checks (MOZ-2.3, WCP-3) and the defects they or anyone else found, with their repair. */
export class CheckRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async checksFor(cameraId: string, limit = 50, ex: Executor = this.db): Promise<CheckRow[]> {
    return ex.selectFrom('register_checks').selectAll().where('camera_id', '=', cameraId).orderBy('checked_at', 'desc').limit(limit).execute();
  }

  /** The time of each camera's latest check. */
  async lastCheckTimes(ex: Executor = this.db): Promise<Map<string, string>> {
    const rows = await ex
      .selectFrom('register_checks')
      .select(['camera_id', (eb) => eb.fn.max('checked_at').as('last')])
      .groupBy('camera_id')
      .execute();
    return new Map(rows.map((r) => [r.camera_id, String(r.last)]));
  }

  async insertCheck(row: CheckRow, ex: Executor = this.db): Promise<void> {
    await ex.insertInto('register_checks').values(row).execute();
  }

  async defects(filter: { cameraId?: string; open?: boolean }, ex: Executor = this.db): Promise<DefectRow[]> {
    let query = ex.selectFrom('register_defects').selectAll();
    if (filter.cameraId) query = query.where('camera_id', '=', filter.cameraId);
    if (filter.open === true) query = query.where('repaired_at', 'is', null);
    if (filter.open === false) query = query.where('repaired_at', 'is not', null);
    return query.orderBy('reported_at', 'desc').execute();
  }

  async findDefect(id: string, ex: Executor = this.db): Promise<DefectRow | undefined> {
    return ex.selectFrom('register_defects').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async countOpenDefects(ex: Executor = this.db): Promise<number> {
    const row = await ex
      .selectFrom('register_defects')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('repaired_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insertDefect(row: DefectRow, ex: Executor = this.db): Promise<void> {
    await ex.insertInto('register_defects').values(row).execute();
  }

  async repair(id: string, changes: { repaired_at: string; repaired_by: string; repair_notes: string | null }, ex: Executor = this.db): Promise<void> {
    await ex.updateTable('register_defects').set(changes).where('id', '=', id).execute();
  }
}
