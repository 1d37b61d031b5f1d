import crypto from 'node:crypto';
import type { Actor } from '../auth/policy.js';
import type { Cases } from '../cases/cases.module.js';
import { toIncident } from '../cases/incident.repository.js';
import { finishedStates } from '../cases/request.js';
import { toCaseRequest } from '../cases/request.repository.js';
import type { Logbook } from '../logbook/logbook.service.js';
import type { Clock } from '../platform/clock.js';
import { DomainError, forbidden, invalid, notFound } from '../platform/errors.js';
import type { ActiveProfile } from '../protocol/active-profile.js';
import { FootageKeyError } from '../recording/footage-crypto.js';
import { FootageObjectMissing } from '../recording/footage-store.js';
import { defaultMotionThreshold } from '../recording/motion.js';
import type { Recording } from '../recording/recording.module.js';
import { retentionCutoff } from '../recording/retention.js';
import type { Segment } from '../recording/segment.js';
import { splitFmp4 } from './fmp4.js';
import { signMediaToken, verifyMediaToken } from './media-token.js';
import { timelineBands, vodPlaylist, type TimelineBand } from './playlist.js';
import { decidePurpose, investigativeRoles, type CaseLookup, type StatedPurpose, type ViewScope } from './purpose.js';
import type { ViewSessionRepository } from './view-session.repository.js';
import type { ViewSessionRow } from './viewing.table.js';
import { LiveUnavailable, type LiveFeeds, type LiveSubscriber } from './live-feeds.js';

export interface ViewSession {
  id: string;
  scope: ViewScope;
  cameraIds: string[];
  reason: string;
  rule: string;
  caseRef: string | null;
  reasonText: string | null;
  identification: string | null;
  user: { id: string; username: string; displayName: string; role: string };
  startedAt: string;
  endedAt: string | null;
  logbookSeq: number;
}

export interface WatchedRange {
  cameraId: string;
  /** The player's id for one contiguous stretch; a seek starts a new one. */
  key: string;
  from: string;
  to: string;
  /** The stretch is over (seek, pause, end): it is written to the logboek now. */
  final?: boolean;
}

export interface ViewingDeps {
  views: ViewSessionRepository;
  logbook: Logbook;
  clock: Clock;
  profile: ActiveProfile;
  recording: Pick<Recording, 'segments' | 'footage' | 'holdStore' | 'cameras'>;
  cases: Pick<Cases, 'deps' | 'cameras'>;
  /** Live feeds (one ffmpeg per watched camera); null where this process does not serve live view. */
  live?: LiveFeeds | null;
  /** The HMAC key of the media URLs; random per process unless given (several API nodes share one). */
  tokenKey?: Buffer;
  /** How long a media URL lives. */
  tokenTtlMs?: number;
}

/** What one playlist covers at most; the player asks for the next window as it gets there. */
export const playlistWindowMs = 15 * 60_000;
const maxRangeMs = 12 * 3_600_000;
/** How often a live stream checks that its view session is still open. */
const liveCheckMs = 5_000;
/** A view session whose player has not reported for this long is ended as abandoned. */
export const abandonedAfterMs = 2 * 60_000;

type Ip = string | null;

/**
 * View sessions and playback (issue 6). Starting one states a reason the profile accepts and
 * is a logboek entry (INV-3); the player reports what it actually showed (footage.viewed entries and
 * view_ranges); the footage itself is decrypted in memory per request and served as HLS VOD behind
 * short-lived URLs bound to the login session and the view session.
 */
export class ViewingService {
  private readonly key: Buffer;
  private readonly ttlMs: number;

  constructor(private readonly d: ViewingDeps) {
    this.key = d.tokenKey ?? crypto.randomBytes(32);
    this.ttlMs = d.tokenTtlMs ?? 20 * 60_000;
  }

  /** What the reason picker offers this actor: open incidents and requests, and whether free text or identification applies. */
  async options(actor: Actor) {
    const profile = this.d.profile.current();
    const deps = this.d.cases.deps;
    // Police and OvJ state their own reason (SOE-5); the organisation's cases are not theirs to browse.
    const external = investigativeRoles.includes(actor.role);
    const incidents = external ? [] : (await deps.incidents.list({ status: 'open' })).map(toIncident);
    const requests = external ? [] : (await deps.requests.list()).map(toCaseRequest).filter((r) => !finishedStates.includes(r.state));
    return {
      cameras: (await this.d.cases.cameras.list()).map((c) => ({ id: c.id, name: c.name, siteName: c.siteName, location: c.location })),
      cases: [
        ...incidents.map((i) => ({ ref: i.ref, kind: 'incident' as const, label: `${i.type} — ${i.place}`, from: i.occurredFrom, to: i.occurredTo, cameraIds: i.cameraIds })),
        ...requests.map((r) => ({ ref: r.ref, kind: 'request' as const, label: `${r.kind} — ${r.requester.name}`, from: r.details.window?.from ?? null, to: r.details.window?.to ?? null, cameraIds: r.details.window?.cameraIds ?? [] })),
      ],
      freeTextAllowed: profile.viewing.freeText.allowed,
      identificationRequired: investigativeRoles.includes(actor.role),
      retentionDays: profile.retention.limitDays,
    };
  }

  async start(actor: Actor, authSessionId: string, input: { scope: ViewScope; cameraIds: string[] } & StatedPurpose, ip: Ip): Promise<ViewSession> {
    await this.closeAbandoned();
    const cameraIds = [...new Set(input.cameraIds)];
    if (!cameraIds.length || cameraIds.length > 16) throw invalid('cameras_required', 'Choose one to sixteen cameras', 'cameraIds');
    // A camera of the register, or one whose footage the recorder still keeps after it left the register.
    const known = new Set((await this.d.cases.cameras.list()).map((c) => c.id));
    for (const id of cameraIds) {
      if (!known.has(id) && !(await this.d.recording.cameras.get(id))) throw invalid('camera_unknown', `Unknown camera ${id}`, 'cameraIds');
    }
    const profile = this.d.profile.current();
    const outcome = decidePurpose(profile, actor.role, input.scope, input, await this.lookupCase(input.caseRef));
    if (!outcome.allowed) throw new DomainError('forbidden', outcome.code, outcome.message.en, { rule: outcome.rule, message: outcome.message });
    if (input.scope === 'live' && !this.d.live) throw invalid('live_view_unavailable', 'Live view is not available on this server', 'scope');
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

  async get(actor: Actor, authSessionId: string, id: string): Promise<ViewSession> {
    return toViewSession(await this.owned(actor, authSessionId, id));
  }

  /** Where playback of a camera at an instant starts: a tokenised playlist URL, or why there is nothing to play (WCP-8). */
  async playback(actor: Actor, authSessionId: string, id: string, cameraId: string, at: string) {
    const session = await this.owned(actor, authSessionId, id);
    this.assertCamera(session, cameraId);
    if (session.scope !== 'recordings') throw invalid('not_a_playback_session', 'This view session is for live viewing', 'scope');
    const from = instant(at, 'at');
    const to = new Date(from.getTime() + playlistWindowMs);
    const playable = await this.playableSegments(cameraId, new Date(from.getTime() - 30_000), to);
    if (!playable.segments.length) throw this.nothingToPlay(playable.expired, cameraId);
    const window = { from: playable.segments[0]!.start.toISOString(), to: to.toISOString() };
    const resource = `playlist:${window.from}:${window.to}`;
    const token = signMediaToken(this.key, { authSessionId, viewSessionId: id, cameraId, resource }, this.d.clock.now().getTime() + this.ttlMs);
    const query = new URLSearchParams({ from: window.from, to: window.to, t: token });
    return {
      playlistUrl: `/api/viewing/sessions/${id}/cameras/${cameraId}/playlist.m3u8?${query.toString()}`,
      start: window.from,
      end: playable.segments[playable.segments.length - 1]!.end.toISOString(),
      segments: playable.segments.length,
      expiredSegments: playable.expired,
    };
  }

  async playlist(actor: Actor, authSessionId: string, id: string, cameraId: string, q: { from: string; to: string; t: string }): Promise<string> {
    this.checkToken(authSessionId, id, cameraId, `playlist:${q.from}:${q.to}`, q.t);
    const session = await this.owned(actor, authSessionId, id);
    this.assertCamera(session, cameraId);
    const playable = await this.playableSegments(cameraId, instant(q.from, 'from'), instant(q.to, 'to'));
    if (!playable.segments.length) throw this.nothingToPlay(playable.expired, cameraId);
    const expires = this.d.clock.now().getTime() + this.ttlMs;
    const url = (s: Segment, part: 'init.mp4' | 'media.m4s') => {
      const t = signMediaToken(this.key, { authSessionId, viewSessionId: id, cameraId, resource: `segment:${s.id}` }, expires);
      return `segments/${s.id}/${part}?t=${t}`;
    };
    return vodPlaylist(playable.segments.map((s) => ({ start: s.start, durationMs: s.durationMs, initUrl: url(s, 'init.mp4'), mediaUrl: url(s, 'media.m4s') })));
  }

  /** One segment's init or media part, decrypted in memory (never written to disk). */
  async segmentPart(actor: Actor, authSessionId: string, id: string, cameraId: string, segmentId: number, part: 'init' | 'media', token: string): Promise<Buffer> {
    this.checkToken(authSessionId, id, cameraId, `segment:${segmentId}`, token);
    const session = await this.owned(actor, authSessionId, id);
    this.assertCamera(session, cameraId);
    const segment = await this.d.views.segment(segmentId);
    if (!segment || segment.cameraId !== cameraId) throw this.nothingToPlay(1, cameraId);
    if (!(await this.isPlayable(segment))) throw this.nothingToPlay(1, cameraId);
    let plaintext: Buffer;
    try {
      plaintext = await this.d.recording.footage.read(segment);
    } catch (err) {
      if ((err instanceof FootageKeyError && err.code === 'day_key_destroyed') || err instanceof FootageObjectMissing) throw this.nothingToPlay(1, cameraId);
      throw err;
    }
    const parts = splitFmp4(plaintext);
    await this.d.views.touch(id, this.d.clock.now().toISOString());
    return part === 'init' ? parts.init : parts.media;
  }

  /**
   * Live view of a camera of a live view session: starts (or joins) the camera's feed and returns a
   * short-lived stream URL, the codec for MediaSource, and when the feed started (for the latency).
   */
  async liveStart(actor: Actor, authSessionId: string, id: string, cameraId: string) {
    const session = await this.owned(actor, authSessionId, id);
    this.assertCamera(session, cameraId);
    if (session.scope !== 'live' || !this.d.live) throw invalid('not_a_live_session', 'This view session is for playback', 'scope');
    let opened: { codec: string; startedAt: number };
    try {
      opened = await this.d.live.open(cameraId);
    } catch (err) {
      if (err instanceof LiveUnavailable) throw new DomainError('conflict', 'live_unavailable', err.message);
      throw err;
    }
    const token = signMediaToken(this.key, { authSessionId, viewSessionId: id, cameraId, resource: 'live' }, this.d.clock.now().getTime() + this.ttlMs);
    return { streamUrl: `/api/viewing/sessions/${id}/cameras/${cameraId}/live.mp4?t=${token}`, codec: opened.codec, feedStartedAt: new Date(opened.startedAt).toISOString() };
  }

  /** The live stream itself: the init part, then every fragment as it comes (token-bound, like the segments). */
  async liveStream(actor: Actor, authSessionId: string, id: string, cameraId: string, token: string, subscriber: LiveSubscriber): Promise<{ init: Buffer; unsubscribe(): void }> {
    this.checkToken(authSessionId, id, cameraId, 'live', token);
    const session = await this.owned(actor, authSessionId, id);
    this.assertCamera(session, cameraId);
    if (session.scope !== 'live' || !this.d.live) throw invalid('not_a_live_session', 'This view session is for playback', 'scope');
    try {
      // The stream ends with its view session (ended, or abandoned): checked every few seconds.
      let timer: NodeJS.Timeout | null = null;
      const subscription = await this.d.live.subscribe(cameraId, {
        fragment: (bytes) => subscriber.fragment(bytes),
        close: () => {
          if (timer) clearInterval(timer);
          subscriber.close();
        },
      });
      timer = setInterval(() => {
        void this.d.views.get(id).then((row) => {
          if (row && !row.ended_at) return;
          if (timer) clearInterval(timer);
          subscription.unsubscribe();
          subscriber.close();
        });
      }, liveCheckMs);
      timer.unref();
      return {
        init: subscription.init,
        unsubscribe: () => {
          if (timer) clearInterval(timer);
          subscription.unsubscribe();
        },
      };
    } catch (err) {
      if (err instanceof LiveUnavailable) throw new DomainError('conflict', 'live_unavailable', err.message);
      throw err;
    }
  }

  /** The player's report of what it showed; closed stretches are written to the logboek (INV-3). */
  async report(actor: Actor, authSessionId: string, id: string, ranges: readonly WatchedRange[], ip: Ip): Promise<{ logged: number }> {
    const session = await this.owned(actor, authSessionId, id);
    const at = this.d.clock.now().toISOString();
    const finals: string[] = [];
    for (const r of ranges) {
      this.assertCamera(session, r.cameraId);
      const from = instant(r.from, 'from');
      const to = instant(r.to, 'to');
      if (to.getTime() < from.getTime() || to.getTime() - from.getTime() > maxRangeMs) throw invalid('range_invalid', 'A watched range ends after it starts and lasts at most 12 hours', 'ranges');
      await this.d.views.upsertRange(id, r.cameraId, r.key, from.toISOString(), to.toISOString(), at);
      if (r.final) finals.push(r.key);
    }
    await this.d.views.touch(id, at);
    return { logged: await this.logRanges({ id: actor.id, name: actor.username, role: actor.role }, session, finals, ip) };
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
    await this.logRanges(actor, session, undefined, ip);
    const at = this.d.clock.now().toISOString();
    const ranges = await this.d.views.rangesOf(session.id);
    await this.d.logbook.record({
      actor,
      action: session.scope === 'live' ? 'footage.live_view_ended' : 'footage.playback_ended',
      subject: {
        viewSession: session.id, scope: session.scope, cameras: JSON.parse(session.camera_ids) as string[],
        watched: ranges.map((r) => ({ camera: r.camera_id, from: r.from_at, to: r.to_at })), ...(abandoned ? { abandoned: true, lastSeen: session.last_seen_at } : {}),
      },
      reason: session.reason_text ?? session.reason_kind,
      caseRef: session.case_ref,
      ip,
    });
    await this.d.views.end(session.id, at);
    return toViewSession({ ...session, ended_at: at });
  }

  /** "Who saw camera X between a and b?" (SOE-7.2): view sessions whose watched ranges overlap the window. */
  async search(cameraId: string, from: string, to: string, by: Actor, ip: Ip) {
    const a = instant(from, 'from');
    const b = instant(to, 'to');
    if (b.getTime() <= a.getTime()) throw invalid('window_invalid', 'The window ends after it starts', 'to');
    await this.closeAbandoned();
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

  /** The camera's timeline: recorded / motion / held bands (gaps between), and where footage is past retention. */
  async timeline(cameraId: string, from: string, to: string): Promise<{ bands: TimelineBand[]; retainedFrom: string }> {
    const a = instant(from, 'from');
    const b = instant(to, 'to');
    if (b.getTime() <= a.getTime() || b.getTime() - a.getTime() > 7 * 86_400_000) throw invalid('window_invalid', 'The window ends after it starts and spans at most 7 days', 'to');
    const segments = await this.d.recording.segments.between(cameraId, a, b);
    const holds = await this.d.recording.holdStore.activeWindows(cameraId);
    const cutoff = await this.cutoff(cameraId);
    const visible = segments.filter((s) => s.start.getTime() >= cutoff.getTime() || holds.some((h) => h.from < s.end && h.to > s.start));
    return { bands: timelineBands(visible, holds, defaultMotionThreshold), retainedFrom: cutoff.toISOString() };
  }

  private async logRanges(actor: { id: string; name: string; role: string }, session: ViewSessionRow, keys: readonly string[] | undefined, ip: Ip): Promise<number> {
    const ranges = await this.d.views.unloggedRanges(session.id, keys);
    if (!ranges.length) return 0;
    for (const r of ranges) {
      await this.d.logbook.record({
        actor,
        action: 'footage.viewed',
        subject: { viewSession: session.id, scope: session.scope, camera: r.camera_id, from: r.from_at, to: r.to_at },
        reason: session.reason_text ?? session.reason_kind,
        caseRef: session.case_ref,
        ip,
      });
    }
    await this.d.views.markLogged(ranges.map((r) => r.id), this.d.clock.now().toISOString());
    return ranges.length;
  }

  private checkToken(authSessionId: string, viewSessionId: string, cameraId: string, resource: string, token: string): void {
    const check = verifyMediaToken(this.key, { authSessionId, viewSessionId, cameraId, resource }, token, this.d.clock.now().getTime());
    if (!check.ok) throw forbidden(`media_url_${check.reason}`, check.reason === 'expired' ? 'This media URL has expired' : 'This media URL is not valid for this session', 'X-2');
  }

  private assertCamera(session: ViewSessionRow, cameraId: string): void {
    if (!(JSON.parse(session.camera_ids) as string[]).includes(cameraId)) throw forbidden('camera_not_in_view_session', 'This camera is not part of the view session (its reason covers other cameras)', 'X-2');
  }

  private async lookupCase(ref: string | null | undefined): Promise<CaseLookup | null> {
    const trimmed = ref?.trim();
    if (!trimmed) return null;
    const deps = this.d.cases.deps;
    const incident = await deps.incidents.findByRef(trimmed);
    if (incident) return { kind: 'incident', open: toIncident(incident).status === 'open' };
    const request = await deps.requests.findByRef(trimmed);
    if (request) return { kind: 'request', open: !finishedStates.includes(toCaseRequest(request).state) };
    return null;
  }

  /** The camera's retention limit: the recorder's per-camera limit, else the profile's (WCP-8, SOE-7.1, MOZ-6.3). */
  private async cutoff(cameraId: string): Promise<Date> {
    const camera = await this.d.recording.cameras.get(cameraId);
    const days = camera?.retentionDays ?? this.d.profile.current().retention.limitDays;
    return retentionCutoff(this.d.clock.now(), days);
  }

  private async isPlayable(segment: Segment): Promise<boolean> {
    if (segment.start.getTime() >= (await this.cutoff(segment.cameraId)).getTime()) return true;
    const holds = await this.d.recording.holdStore.activeWindows(segment.cameraId);
    return holds.some((h) => h.from < segment.end && h.to > segment.start);
  }

  private async playableSegments(cameraId: string, from: Date, to: Date): Promise<{ segments: Segment[]; expired: number }> {
    const all = await this.d.recording.segments.between(cameraId, from, to);
    const cutoff = await this.cutoff(cameraId);
    const holds = all.some((s) => s.start.getTime() < cutoff.getTime()) ? await this.d.recording.holdStore.activeWindows(cameraId) : [];
    const segments = all.filter((s) => s.start.getTime() >= cutoff.getTime() || holds.some((h) => h.from < s.end && h.to > s.start));
    const beforeCutoff = from.getTime() < cutoff.getTime() ? 1 : 0;
    return { segments, expired: all.length - segments.length + (segments.length ? 0 : beforeCutoff) };
  }

  private nothingToPlay(expired: number, cameraId: string): DomainError {
    const rule = this.d.profile.current().retention.rules[0] ?? 'X-3';
    if (expired > 0) {
      return new DomainError('not_found', 'footage_past_retention', `Footage of ${cameraId} at this time is past its retention limit and cannot be viewed (${rule})`, {
        rule,
        message: { nl: `Beelden van dit moment zijn ouder dan de bewaartermijn en kunnen niet meer worden bekeken (${rule}).`, en: `Footage of this moment is past its retention limit and can no longer be viewed (${rule}).` },
      });
    }
    return new DomainError('not_found', 'no_footage', `No footage of ${cameraId} at this time`, {
      message: { nl: 'Van dit moment zijn geen opnames.', en: 'There is no footage of this moment.' },
    });
  }
}

function toViewSession(row: ViewSessionRow): ViewSession {
  return {
    id: row.id, scope: row.scope as ViewScope, cameraIds: JSON.parse(row.camera_ids) as string[], reason: row.reason_kind, rule: row.rule, caseRef: row.case_ref,
    reasonText: row.reason_text, identification: row.identification, user: { id: row.user_id, username: row.username, displayName: row.display_name, role: row.role },
    startedAt: row.started_at, endedAt: row.ended_at, logbookSeq: Number(row.logbook_seq),
  };
}

function instant(value: string, field: string): Date {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw invalid('bad_instant', `${field} is not a date-time`, field);
  return at;
}
