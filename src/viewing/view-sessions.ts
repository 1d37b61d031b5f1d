import crypto from 'node:crypto';
import type { Actor } from '../auth/policy.js';
import type { Cases } from '../cases/cases.module.js';
import type { Logbook } from '../logbook/logbook.service.js';
import type { Clock } from '../platform/clock.js';
import { DomainError, forbidden, invalid, notFound } from '../platform/errors.js';
import type { ActiveProfile } from '../protocol/active-profile.js';
import type { Recording } from '../recording/recording.module.js';
import { decidePurpose, type StatedPurpose, type ViewScope } from './purpose.js';
import type { ReasonOptions } from './reason-options.js';
import type { ViewSessionRepository } from './view-session.repository.js';
import { cameraIdsOf, maxCamerasPerSession, reasonOf, toViewSession, type Ip, type ViewSession, type WatchedRange } from './view-session.js';
import type { ViewSessionRow } from './viewing.table.js';
import type { WatchedRanges } from './watched-ranges.js';

/** A view session whose player has not reported for this long is ended as abandoned. */
export const abandonedAfterMs = 2 * 60_000;

export interface ViewSessionsDeps {
  views: ViewSessionRepository;
  logbook: Logbook;
  clock: Clock;
  profile: ActiveProfile;
  recording: Pick<Recording, 'cameras'>;
  cases: Pick<Cases, 'cameras'>;
  reasons: ReasonOptions;
  ranges: WatchedRanges;
  /** Whether this process serves live view. */
  liveAvailable: boolean;
}

/**
 * The life of a view session (X-2, INV-3): started with a reason the profile accepts (a logboek
 * entry), owned by one user's login session, reported on by the player, ended (or ended as
 * abandoned when the player went away) with what was watched.
 */
export class ViewSessions {
  constructor(private readonly d: ViewSessionsDeps) {}

  async start(actor: Actor, authSessionId: string, input: { scope: ViewScope; cameraIds: string[] } & StatedPurpose, ip: Ip): Promise<ViewSession> {
    await this.closeAbandoned();
    const cameraIds = [...new Set(input.cameraIds)];
    if (!cameraIds.length || cameraIds.length > maxCamerasPerSession) throw invalid('cameras_required', 'Choose one to sixteen cameras', 'cameraIds');
    // A camera of the register, or one whose footage the recorder still keeps after it left the register.
    const known = new Set((await this.d.cases.cameras.list()).map((c) => c.id));
    for (const id of cameraIds) {
      if (!known.has(id) && !(await this.d.recording.cameras.get(id))) throw invalid('camera_unknown', `Unknown camera ${id}`, 'cameraIds');
    }
    const profile = this.d.profile.current();
    const outcome = decidePurpose(profile, actor.role, input.scope, input, await this.d.reasons.lookupCase(input.caseRef));
    if (!outcome.allowed) throw new DomainError('forbidden', outcome.code, outcome.message.en, { rule: outcome.rule, message: outcome.message });
    if (input.scope === 'live' && !this.d.liveAvailable) throw invalid('live_view_unavailable', 'Live view is not available on this server', 'scope');
    const id = crypto.randomUUID();
    const at = this.d.clock.now().toISOString();
    const { seq } = await this.d.logbook.record({
      actor: { id: actor.id, name: actor.username, role: actor.role },
      action: input.scope === 'live' ? 'footage.live_view_started' : 'footage.playback_started',
      subject: { viewSession: id, scope: input.scope, cameras: cameraIds, reason: outcome.reason, rule: outcome.rule, ...(outcome.identification ? { identification: outcome.identification } : {}) },
      reason: outcome.reasonText ?? outcome.reason,
      caseRef: outcome.caseRef,
      ip,
    });
    const row = {
      id, auth_session_id: authSessionId, user_id: actor.id, username: actor.username, display_name: actor.displayName, role: actor.role,
      scope: input.scope, camera_ids: JSON.stringify(cameraIds), reason_kind: outcome.reason, case_ref: outcome.caseRef, reason_text: outcome.reasonText,
      identification: outcome.identification, rule: outcome.rule, started_at: at, last_seen_at: at, ended_at: null, logbook_seq: seq,
    };
    await this.d.views.insert(row);
    return toViewSession(row);
  }

  /** The actor's own, open view session bound to this login session; anything else is refused. */
  async owned(actor: Actor, authSessionId: string, id: string): Promise<ViewSessionRow> {
    const row = await this.d.views.get(id);
    if (!row) throw notFound('view_session_not_found', `No view session ${id}`);
    if (row.user_id !== actor.id || row.auth_session_id !== authSessionId) throw forbidden('view_session_foreign', 'This view session belongs to another user or login session', 'X-2');
    if (row.ended_at) throw forbidden('view_session_ended', 'This view session has ended; start a new one with its reason', 'X-2');
    return row;
  }

  /** As owned(), and the camera is one of the session's (its reason covers it). */
  async ownedWithCamera(actor: Actor, authSessionId: string, id: string, cameraId: string): Promise<ViewSessionRow> {
    const row = await this.owned(actor, authSessionId, id);
    assertCamera(row, cameraId);
    return row;
  }

  /** The player's report of what it showed; closed stretches are written to the logboek (INV-3). */
  async report(actor: Actor, authSessionId: string, id: string, ranges: readonly WatchedRange[], ip: Ip): Promise<{ logged: number }> {
    const session = await this.owned(actor, authSessionId, id);
    for (const r of ranges) assertCamera(session, r.cameraId);
    return { logged: await this.d.ranges.record({ id: actor.id, name: actor.username, role: actor.role }, session, ranges, ip) };
  }

  async end(actor: Actor, authSessionId: string, id: string, ip: Ip, last: readonly WatchedRange[] = []): Promise<ViewSession> {
    if (last.length) await this.report(actor, authSessionId, id, last, ip);
    const session = await this.owned(actor, authSessionId, id);
    return this.finish(session, ip, false);
  }

  /**
   * Ends the view sessions whose player went away without ending them (a closed tab, a lost
   * network): what they reported is written to the logboek as if they had ended, marked abandoned.
   * Runs before every start and search, so the logboek never misses a reported stretch for long.
   */
  async closeAbandoned(): Promise<number> {
    const before = new Date(this.d.clock.now().getTime() - abandonedAfterMs).toISOString();
    const stale = await this.d.views.staleOpen(before);
    for (const session of stale) await this.finish(session, null, true);
    return stale.length;
  }

  private async finish(session: ViewSessionRow, ip: Ip, abandoned: boolean): Promise<ViewSession> {
    const actor = { id: session.user_id, name: session.username, role: session.role };
    await this.d.ranges.log(actor, session, undefined, ip);
    const at = this.d.clock.now().toISOString();
    const ranges = await this.d.views.rangesOf(session.id);
    await this.d.logbook.record({
      actor,
      action: session.scope === 'live' ? 'footage.live_view_ended' : 'footage.playback_ended',
      subject: {
        viewSession: session.id, scope: session.scope, cameras: cameraIdsOf(session),
        watched: ranges.map((r) => ({ camera: r.camera_id, from: r.from_at, to: r.to_at })), ...(abandoned ? { abandoned: true, lastSeen: session.last_seen_at } : {}),
      },
      reason: reasonOf(session),
      caseRef: session.case_ref,
      ip,
    });
    await this.d.views.end(session.id, at);
    return toViewSession({ ...session, ended_at: at });
  }
}

function assertCamera(session: ViewSessionRow, cameraId: string): void {
  if (!cameraIdsOf(session).includes(cameraId)) throw forbidden('camera_not_in_view_session', 'This camera is not part of the view session (its reason covers other cameras)', 'X-2');
}
