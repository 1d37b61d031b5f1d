import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { Schema } from '../platform/db/schema.js';
import { invalid, notFound } from '../platform/errors.js';
import type { Logbook } from '../logbook/logbook.service.js';
import type { HoldActor, HoldRecord, NewHold } from './hold.js';
import type { HoldRepository } from './hold.repository.js';

/**
 * Placing and releasing holds by hand (CLI, API): each change and its logboek entry commit
 * together. The case workflows place holds through the same repository (CaseHoldPort).
 */
export class HoldService {
  constructor(
    private readonly d: { db: Kysely<Schema>; holds: HoldRepository; logbook: Logbook; clock: Clock },
  ) {}

  async create(input: Omit<NewHold, 'createdBy'>, actor: HoldActor): Promise<HoldRecord> {
    const id = await this.d.db.transaction().execute(async (trx) => {
      const { id } = await this.d.holds.create({ ...input, createdBy: actor }, this.d.clock.now(), trx);
      const hold = (await this.d.holds.get(id, trx))!;
      await this.d.logbook.append(trx, {
        actor,
        action: 'hold.create',
        subject: { holdId: id, cameras: hold.cameraIds, from: hold.from, to: hold.to, kind: hold.kind },
        reason: hold.reason,
        caseRef: hold.caseRef,
      });
      return id;
    });
    return (await this.d.holds.get(id))!;
  }

  async release(id: string, reason: string, actor: HoldActor): Promise<HoldRecord> {
    const why = reason.trim();
    if (!why) throw invalid('hold_release_reason_required', 'Releasing a hold states why', 'reason');
    await this.d.db.transaction().execute(async (trx) => {
      const hold = await this.d.holds.get(id, trx);
      if (!hold) throw notFound('hold_not_found', `No hold ${id}`);
      await this.d.holds.release(id, actor, why, this.d.clock.now(), trx);
      await this.d.logbook.append(trx, {
        actor,
        action: 'hold.release',
        subject: { holdId: id, cameras: hold.cameraIds, from: hold.from, to: hold.to, kind: hold.kind },
        reason: why,
        caseRef: hold.caseRef,
      });
    });
    return (await this.d.holds.get(id))!;
  }

  get(id: string): Promise<HoldRecord | null> {
    return this.d.holds.get(id);
  }

  list(filter: { caseRef?: string; cameraId?: string; active?: boolean }): Promise<HoldRecord[]> {
    return this.d.holds.list(filter);
  }
}
