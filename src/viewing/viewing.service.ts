import type { Actor } from '../auth/policy.js';
import type { Cases } from '../cases/cases.module.js';
import type { Logbook } from '../logbook/logbook.service.js';
import type { Clock } from '../platform/clock.js';
import type { ActiveProfile } from '../protocol/active-profile.js';
import type { Recording } from '../recording/recording.module.js';
import type { LiveFeeds, LiveSubscriber } from './live-feeds.js';
import { LiveView } from './live-view.js';
import { MediaUrls, type MediaTokenKeys } from './media-urls.js';
import { PlayableFootage } from './playable-footage.js';
import { Playback } from './playback.js';
import type { StatedPurpose, ViewScope } from './purpose.js';
import { ReasonOptions } from './reason-options.js';
import type { ViewSessionRepository } from './view-session.repository.js';
import { toViewSession, type Ip, type ViewSession, type WatchedRange } from './view-session.js';
import { ViewSessions } from './view-sessions.js';
import { WatchedRanges } from './watched-ranges.js';
import { WhoSaw } from './who-saw.js';
import type { PrivacyMasks } from '../masks/masks.module.js';

export type { ViewSession, WatchedRange } from './view-session.js';
export { playlistWindowMs } from './playback.js';
export { abandonedAfterMs } from './view-sessions.js';

export interface ViewingDeps {
  views: ViewSessionRepository;
  logbook: Logbook;
  clock: Clock;
  profile: ActiveProfile;
  recording: Pick<Recording, 'segments' | 'footage' | 'holdStore' | 'cameras' | 'caseHolds'>;
  cases: Pick<Cases, 'deps' | 'cameras'>;
  /** Live feeds (one ffmpeg per watched camera); null where this process does not serve live view. */
  live?: LiveFeeds | null;
  /** The HMAC keys of the media URLs (current, and previous ones during a rotation); random per process unless given. */
  tokenKeys?: MediaTokenKeys;
  /** How long a media URL lives. */
  tokenTtlMs?: number;
  /** Privacy masks (issue 9 item 4): burnt into live feeds and played-back segments unless a logged lift applies. */
  masks?: Pick<PrivacyMasks, 'segment' | 'liveVariant'> | null;
}

/**
 * Watching (issue 6), the one entry point the routes use. Starting a view session states a reason
 * the profile accepts and is a logboek entry (INV-3); the player reports what it actually
 * showed; footage is decrypted in memory per request and served as HLS VOD, live feeds as fMP4,
 * behind short-lived URLs bound to the login session and the view session. The work is done by:
 * ViewSessions (view-sessions.ts), ReasonOptions, WatchedRanges, PlayableFootage (retention and
 * timeline), Playback (playlists and segment bytes), LiveView and WhoSaw.
 */
export class ViewingService {
  readonly sessions: ViewSessions;
  readonly footage: PlayableFootage;
  readonly playbacks: Playback;
  readonly liveView: LiveView;
  private readonly reasons: ReasonOptions;
  private readonly whoSaw: WhoSaw;

  private readonly cameras: ViewingDeps['cases']['cameras'];
  private readonly views: ViewingDeps['views'];

  constructor(d: ViewingDeps) {
    this.cameras = d.cases.cameras;
    this.views = d.views;
    const urls = new MediaUrls(d.tokenKeys, d.clock, d.tokenTtlMs);
    this.reasons = new ReasonOptions(d);
    const ranges = new WatchedRanges(d);
    this.sessions = new ViewSessions({ ...d, reasons: this.reasons, ranges, liveAvailable: !!d.live });
    this.footage = new PlayableFootage(d);
    this.playbacks = new Playback({ sessions: this.sessions, views: d.views, footage: this.footage, urls, clock: d.clock, recording: d.recording, masks: d.masks ?? null });
    this.liveView = new LiveView({ sessions: this.sessions, views: d.views, urls, live: d.live ?? null, masks: d.masks ?? null });
    this.whoSaw = new WhoSaw({ views: d.views, logbook: d.logbook, closeAbandoned: () => this.sessions.closeAbandoned() });
  }

  options(actor: Actor) {
    return this.reasons.options(actor);
  }

  start(actor: Actor, authSessionId: string, input: { scope: ViewScope; cameraIds: string[] } & StatedPurpose, ip: Ip): Promise<ViewSession> {
    return this.sessions.start(actor, authSessionId, input, ip);
  }

  async get(actor: Actor, authSessionId: string, id: string): Promise<ViewSession> {
    return toViewSession(await this.sessions.owned(actor, authSessionId, id));
  }

  playback(actor: Actor, authSessionId: string, id: string, cameraId: string, at: string) {
    return this.playbacks.start(actor, authSessionId, id, cameraId, at);
  }

  playlist(actor: Actor, authSessionId: string, id: string, cameraId: string, q: { from: string; to: string; t: string }): Promise<string> {
    return this.playbacks.playlist(actor, authSessionId, id, cameraId, q);
  }

  segmentPart(actor: Actor, authSessionId: string, id: string, cameraId: string, segmentId: number, part: 'init' | 'media', token: string): Promise<Buffer> {
    return this.playbacks.segmentPart(actor, authSessionId, id, cameraId, segmentId, part, token);
  }

  liveStart(actor: Actor, authSessionId: string, id: string, cameraId: string) {
    return this.liveView.start(actor, authSessionId, id, cameraId);
  }

  liveStream(actor: Actor, authSessionId: string, id: string, cameraId: string, token: string, subscriber: LiveSubscriber) {
    return this.liveView.stream(actor, authSessionId, id, cameraId, token, subscriber);
  }

  report(actor: Actor, authSessionId: string, id: string, ranges: readonly WatchedRange[], ip: Ip): Promise<{ logged: number }> {
    return this.sessions.report(actor, authSessionId, id, ranges, ip);
  }

  end(actor: Actor, authSessionId: string, id: string, ip: Ip, last: readonly WatchedRange[] = []): Promise<ViewSession> {
    return this.sessions.end(actor, authSessionId, id, ip, last);
  }

  closeAbandoned(): Promise<number> {
    return this.sessions.closeAbandoned();
  }

  search(cameraId: string, from: string, to: string, by: Actor, ip: Ip) {
    return this.whoSaw.search(cameraId, from, to, by, ip);
  }

  /**
   * The cameras for the who-saw form's picker (names only: no footage, nothing to log): the
   * register's, and any camera whose footage was watched but that has since left the register.
   */
  async searchCameras(): Promise<{ id: string; name: string; siteId: string; siteName: string; location: string; inRegister: boolean }[]> {
    const [registered, watched] = await Promise.all([this.cameras.list(), this.views.watchedCameraIds()]);
    const known = new Set(registered.map((c) => c.id));
    return [
      ...registered.map((c) => ({ ...c, inRegister: true })),
      ...watched.filter((id) => !known.has(id)).map((id) => ({ id, name: id, siteId: '', siteName: '', location: '', inRegister: false })),
    ];
  }

  timeline(cameraId: string, from: string, to: string) {
    return this.footage.timeline(cameraId, from, to);
  }
}
