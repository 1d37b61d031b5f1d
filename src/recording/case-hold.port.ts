import type { Executor } from '../auth/user.repository.js';
import type { Clock } from '../platform/clock.js';
import type { Hold, HoldActor, HoldInput, HoldPort } from '../cases/hold.port.js';
import type { HoldRecord } from './hold.js';
import type { HoldRepository } from './hold.repository.js';

/**
 * The recorder's holds behind the case workflows' HoldPort (src/cases/hold.port.ts): wire this
 * instead of the interim case_holds store, so that the holds the retention sweep honours and the
 * holds incidents and requests place are one and the same table (INV-2).
 */
export class CaseHoldPort implements HoldPort {
  constructor(
    private readonly holds: HoldRepository,
    private readonly clock: Clock,
  ) {}

  create(input: HoldInput, ex?: Executor): Promise<{ id: string }> {
    return this.holds.create(
      { cameraIds: input.cameraIds, from: input.from, to: input.to, reason: input.reason, caseRef: input.caseRef, kind: input.kind, reviewAt: input.reviewAt ?? null, createdBy: input.createdBy },
      this.clock.now(),
      ex,
    );
  }

  release(id: string, by: HoldActor, reason: string, ex?: Executor): Promise<void> {
    return this.holds.release(id, by, reason, this.clock.now(), ex);
  }

  async list(caseRef: string, ex?: Executor): Promise<Hold[]> {
    return (await this.holds.list({ caseRef }, ex)).map(toCaseHold);
  }

  async get(id: string, ex?: Executor): Promise<Hold | null> {
    const hold = await this.holds.get(id, ex);
    return hold ? toCaseHold(hold) : null;
  }

  async active(): Promise<Hold[]> {
    return (await this.holds.list({ active: true })).map(toCaseHold);
  }

  async dueForReview(now: Date): Promise<Hold[]> {
    return (await this.holds.dueForReview(now)).map(toCaseHold);
  }

  async covering(cameraId: string, from: string, to: string): Promise<Hold[]> {
    return (await this.holds.covering(cameraId, from, to)).map(toCaseHold);
  }
}

function toCaseHold(hold: HoldRecord): Hold {
  return { ...hold, caseRef: hold.caseRef ?? '', kind: (hold.kind === 'manual' ? 'incident' : hold.kind) as Hold['kind'] };
}
