import type { Actor } from '../auth/policy.js';
import { DomainError, invalid } from '../platform/errors.js';
import { LiveUnavailable, type LiveFeeds, type LiveSubscriber } from './live-feeds.js';
import type { MediaUrls } from './media-urls.js';
import type { ViewSessionRepository } from './view-session.repository.js';
import type { ViewSessions } from './view-sessions.js';
import type { ViewSessionRow } from './viewing.table.js';
import type { LiveVariant, PrivacyMasks } from '../masks/masks.module.js';

/** How often a live stream checks that its view session is still open. */
const liveCheckMs = 5_000;

/**
 * Live view (issue 6 item 1): a live view session's camera is joined to its live feed (one ffmpeg
 * per camera, see live-feeds.ts and the argument builder liveArgs() in live-args.ts) and streamed
 * as fragmented MP4 behind a short-lived, session-bound URL. The stream ends with its view session.
 */
export class LiveView {
  constructor(private readonly d: { sessions: ViewSessions; views: ViewSessionRepository; urls: MediaUrls; live: LiveFeeds | null; masks?: Pick<PrivacyMasks, 'liveVariant'> | null }) {}

  /** Starts (or joins) the camera's feed: a short-lived stream URL, the codec for MediaSource, and when the feed started. */
  async start(actor: Actor, authSessionId: string, id: string, cameraId: string) {
    const session = await this.d.sessions.ownedWithCamera(actor, authSessionId, id, cameraId);
    const live = this.liveOf(session);
    const variant = await this.maskedFeed(actor, session, cameraId);
    const opened = await unavailableAsConflict(() => live.open(cameraId, variant));
    const token = this.d.urls.sign({ authSessionId, viewSessionId: id, cameraId, resource: 'live' });
    return { streamUrl: `/api/viewing/sessions/${id}/cameras/${cameraId}/live.mp4?t=${token}`, codec: opened.codec, feedStartedAt: new Date(opened.startedAt).toISOString() };
  }

  /** The live stream itself: the init part and the fragments since the last keyframe, then every fragment as it comes (token-bound, like the segments). */
  async stream(actor: Actor, authSessionId: string, id: string, cameraId: string, token: string, subscriber: LiveSubscriber): Promise<{ head: Buffer; unsubscribe(): void }> {
    this.d.urls.check({ authSessionId, viewSessionId: id, cameraId, resource: 'live' }, token);
    const session = await this.d.sessions.ownedWithCamera(actor, authSessionId, id, cameraId);
    const live = this.liveOf(session);
    const variant = await this.maskedFeed(actor, session, cameraId);
    // The stream ends with its view session (ended, or abandoned): checked every few seconds.
    let timer: NodeJS.Timeout | null = null;
    const subscription = await unavailableAsConflict(() =>
      live.subscribe(cameraId, {
        fragment: (bytes) => subscriber.fragment(bytes),
        close: () => {
          if (timer) clearInterval(timer);
          subscriber.close();
        },
      }, variant),
    );
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
      head: subscription.head,
      unsubscribe: () => {
        if (timer) clearInterval(timer);
        subscription.unsubscribe();
      },
    };
  }

  /** Privacy masks (issue 9 item 4): the feed this viewer may see, masks burnt in unless a logged lift of theirs applies. */
  private async maskedFeed(actor: Actor, session: ViewSessionRow, cameraId: string): Promise<LiveVariant | null> {
    return this.d.masks ? this.d.masks.liveVariant(cameraId, { userId: actor.id, viewSessionId: session.id, caseRef: session.case_ref }) : null;
  }

  private liveOf(session: ViewSessionRow): LiveFeeds {
    if (session.scope !== 'live' || !this.d.live) throw invalid('not_a_live_session', 'This view session is for playback', 'scope');
    return this.d.live;
  }
}

async function unavailableAsConflict<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    if (err instanceof LiveUnavailable) throw new DomainError('conflict', 'live_unavailable', err.message);
    throw err;
  }
}
