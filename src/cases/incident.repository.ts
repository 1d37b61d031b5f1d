import type { Kysely } from 'kysely';
import type { Executor } from '../auth/user.repository.js';
import type { Schema } from '../platform/db/schema.js';
import type { CaseIncidentRow, CaseIncidentTable, CaseIncidentUpdate } from './cases.table.js';
import type { Incident, IncidentType } from './incident.js';

export function toIncident(row: CaseIncidentRow): Incident {
  return {
    id: row.id,
    ref: row.ref,
    type: row.type as IncidentType,
    siteId: row.site_id,
    place: row.place,
    occurredFrom: row.occurred_from,
    occurredTo: row.occurred_to,
    cameraIds: JSON.parse(row.camera_ids) as string[],
    description: row.description,
    reporter: row.reporter,
    status: row.status === 'handled' ? 'handled' : 'open',
    policeReport: { filed: row.police_report === 1, ref: row.police_report_ref },
    proceedings: row.proceedings === 1,
    aggressionReport: row.aggression_report,
    consultation: row.consultation_at ? { at: row.consultation_at, by: row.consultation_by ?? '', notes: row.consultation_notes } : null,
    judgment: row.judgment_at ? { at: row.judgment_at, ref: row.judgment_ref ?? '' } : null,
    handled: row.handled_at ? { at: row.handled_at, by: row.handled_by ?? '', notes: row.handled_notes } : null,
    profileId: row.profile_id,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

export class IncidentRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async insert(row: CaseIncidentTable, ex: Executor = this.db): Promise<void> {
    await ex.insertInto('case_incidents').values(row).execute();
  }

  async findById(id: string, ex: Executor = this.db): Promise<CaseIncidentRow | undefined> {
    return ex.selectFrom('case_incidents').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async findByRef(ref: string, ex: Executor = this.db): Promise<CaseIncidentRow | undefined> {
    return ex.selectFrom('case_incidents').selectAll().where('ref', '=', ref).executeTakeFirst();
  }

  async update(id: string, changes: CaseIncidentUpdate, ex: Executor = this.db): Promise<void> {
    await ex.updateTable('case_incidents').set(changes).where('id', '=', id).execute();
  }

  async list(filter: { status?: 'open' | 'handled' } = {}, ex: Executor = this.db): Promise<CaseIncidentRow[]> {
    let query = ex.selectFrom('case_incidents').selectAll();
    if (filter.status) query = query.where('status', '=', filter.status);
    return query.orderBy('occurred_from', 'desc').orderBy('id').execute();
  }
}
