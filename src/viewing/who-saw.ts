import type { Actor } from '../auth/policy.js';
import type { Logbook } from '../logbook/logbook.service.js';
import { invalid } from '../platform/errors.js';
import type { ViewSessionRepository } from './view-session.repository.js';
import { instant, toViewSession, type Ip, type ViewSession } from './view-session.js';

/**
 * "Who saw camera X between a and b?" (issue 6 item 4, SOE-7.2): the view sessions whose watched
 * ranges overlap the window. Reading who watched is itself confidential, so the search is logged.
 */
export class WhoSaw {
  constructor(private readonly d: { views: ViewSessionRepository; logbook: Logbook; closeAbandoned: () => Promise<number> }) {}

  async search(cameraId: string, from: string, to: string, by: Actor, ip: Ip) {
    const a = instant(from, 'from');
    const b = instant(to, 'to');
    if (b.getTime() <= a.getTime()) throw invalid('window_invalid', 'The window ends after it starts', 'to');
    await this.d.closeAbandoned();
    // Reading who watched is itself confidential (SOE-7.2, X-1): the search is recorded too.
    await this.d.logbook.record({
      actor: { id: by.id, name: by.username, role: by.role }, action: 'viewing.searched', subject: { camera: cameraId, from: a.toISOString(), to: b.toISOString() }, ip,
    });
    const rows = await this.d.views.overlapping(cameraId, a.toISOString(), b.toISOString());
    const bySession = new Map<string, { session: ViewSession; ranges: { from: string; to: string }[] }>();
    for (const r of rows) {
      const entry = bySession.get(r.session_id) ?? { session: toViewSession(r.session), ranges: [] };
      entry.ranges.push({ from: r.from_at, to: r.to_at });
      bySession.set(r.session_id, entry);
    }
    return [...bySession.values()].sort((x, y) => x.session.startedAt.localeCompare(y.session.startedAt));
  }
}
