import type { Kysely } from 'kysely';
import type { Executor } from '../auth/user.repository.js';
import type { Schema } from '../platform/db/schema.js';

/** One step in a case's timeline (its logboek entry is written in the same transaction). */
export interface CaseEvent {
  id: number;
  caseRef: string;
  at: string;
  actorName: string;
  actorRole: string | null;
  action: string;
  detail: Record<string, unknown>;
}

export class CaseEventRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async insert(event: Omit<CaseEvent, 'id'>, ex: Executor = this.db): Promise<void> {
    await ex
      .insertInto('case_events')
      .values({ case_ref: event.caseRef, at: event.at, actor_name: event.actorName, actor_role: event.actorRole, action: event.action, detail: JSON.stringify(event.detail) })
      .execute();
  }

  async forCase(caseRef: string, ex: Executor = this.db): Promise<CaseEvent[]> {
    const rows = await ex.selectFrom('case_events').selectAll().where('case_ref', '=', caseRef).orderBy('id').execute();
    return rows.map((row) => ({
      id: Number(row.id),
      caseRef: row.case_ref,
      at: row.at,
      actorName: row.actor_name,
      actorRole: row.actor_role,
      action: row.action,
      detail: JSON.parse(row.detail) as Record<string, unknown>,
    }));
  }
}
