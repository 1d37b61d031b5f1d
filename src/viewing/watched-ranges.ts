import type { Logbook } from '../logbook/logbook.service.js';
import type { Clock } from '../platform/clock.js';
import { invalid } from '../platform/errors.js';
import type { ViewSessionRepository } from './view-session.repository.js';
import { instant, reasonOf, type Ip, type LogActor, type WatchedRange } from './view-session.js';
import type { ViewSessionRow } from './viewing.table.js';

const maxRangeMs = 12 * 3_600_000;

/**
 * What the player actually showed (issue 6 item 4, INV-3): the ranges it reports are kept per
 * camera and stretch, and each closed stretch becomes one footage.viewed logboek entry, granular
 * enough to answer "who saw camera X between 21:00 and 21:05?".
 */
export class WatchedRanges {
  constructor(private readonly d: { views: ViewSessionRepository; logbook: Logbook; clock: Clock }) {}

  /** Stores the reported ranges (the caller has checked the cameras belong to the session); logs the final ones. */
  async record(actor: LogActor, session: ViewSessionRow, ranges: readonly WatchedRange[], ip: Ip): Promise<number> {
    const at = this.d.clock.now().toISOString();
    const finals: string[] = [];
    for (const r of ranges) {
      const from = instant(r.from, 'from');
      const to = instant(r.to, 'to');
      if (to.getTime() < from.getTime() || to.getTime() - from.getTime() > maxRangeMs) throw invalid('range_invalid', 'A watched range ends after it starts and lasts at most 12 hours', 'ranges');
      await this.d.views.upsertRange(session.id, r.cameraId, r.key, from.toISOString(), to.toISOString(), at);
      if (r.final) finals.push(r.key);
    }
    await this.d.views.touch(session.id, at);
    return this.log(actor, session, finals, ip);
  }

  /** Writes the not yet logged ranges (only those keys, or all of them) to the logboek. */
  async log(actor: LogActor, session: ViewSessionRow, keys: readonly string[] | undefined, ip: Ip): Promise<number> {
    const ranges = await this.d.views.unloggedRanges(session.id, keys);
    if (!ranges.length) return 0;
    for (const r of ranges) {
      await this.d.logbook.record({
        actor,
        action: 'footage.viewed',
        subject: { viewSession: session.id, scope: session.scope, camera: r.camera_id, from: r.from_at, to: r.to_at },
        reason: reasonOf(session),
        caseRef: session.case_ref,
        ip,
      });
    }
    await this.d.views.markLogged(ranges.map((r) => r.id), this.d.clock.now().toISOString());
    return ranges.length;
  }
}
