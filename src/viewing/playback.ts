import type { Actor } from '../auth/policy.js';
import type { Clock } from '../platform/clock.js';
import { invalid } from '../platform/errors.js';
import { FootageKeyError } from '../recording/footage-crypto.js';
import { FootageObjectMissing } from '../recording/footage-store.js';
import type { Recording } from '../recording/recording.module.js';
import type { Segment } from '../recording/segment.js';
import { splitFmp4, type Fmp4Parts } from './fmp4.js';
import type { MediaUrls } from './media-urls.js';
import type { PlayableFootage } from './playable-footage.js';
import { vodPlaylist } from './playlist.js';
import type { ViewSessionRepository } from './view-session.repository.js';
import type { ViewSessions } from './view-sessions.js';
import { instant } from './view-session.js';
import type { MaskContext } from '../masks/mask.js';
import type { PrivacyMasks } from '../masks/masks.module.js';

/** What one playlist covers at most; the player asks for the next window as it gets there. */
export const playlistWindowMs = 15 * 60_000;

export interface PlaybackDeps {
  sessions: ViewSessions;
  views: ViewSessionRepository;
  footage: PlayableFootage;
  urls: MediaUrls;
  clock: Clock;
  recording: Pick<Recording, 'footage'>;
  /** Privacy masks (issue 9 item 4): burnt into a masked camera's segments unless a logged lift applies. */
  masks?: Pick<PrivacyMasks, 'segment'> | null;
}

/**
 * Playback of recorded footage (issue 6 item 2): a tokenised HLS VOD playlist over the playable
 * segments of a window, and each segment's init and media parts decrypted in memory per request
 * (never written to disk) by playbackSegmentParts().
 */
export class Playback {
  constructor(private readonly d: PlaybackDeps) {}

  /** Where playback of a camera at an instant starts: a tokenised playlist URL, or why there is nothing to play (WCP-8). */
  async start(actor: Actor, authSessionId: string, id: string, cameraId: string, at: string) {
    const session = await this.d.sessions.ownedWithCamera(actor, authSessionId, id, cameraId);
    if (session.scope !== 'recordings') throw invalid('not_a_playback_session', 'This view session is for live viewing', 'scope');
    const from = instant(at, 'at');
    const to = new Date(from.getTime() + playlistWindowMs);
    const playable = await this.d.footage.segments(cameraId, new Date(from.getTime() - 30_000), to);
    if (!playable.segments.length) throw playable.restricted ?? this.d.footage.nothingToPlay(playable.expired, cameraId);
    const window = { from: playable.segments[0]!.start.toISOString(), to: to.toISOString() };
    const token = this.d.urls.sign({ authSessionId, viewSessionId: id, cameraId, resource: `playlist:${window.from}:${window.to}` });
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
    this.d.urls.check({ authSessionId, viewSessionId: id, cameraId, resource: `playlist:${q.from}:${q.to}` }, q.t);
    await this.d.sessions.ownedWithCamera(actor, authSessionId, id, cameraId);
    const playable = await this.d.footage.segments(cameraId, instant(q.from, 'from'), instant(q.to, 'to'));
    if (!playable.segments.length) throw playable.restricted ?? this.d.footage.nothingToPlay(playable.expired, cameraId);
    const expires = this.d.clock.now().getTime() + this.d.urls.ttlMs;
    const url = (s: Segment, part: 'init.mp4' | 'media.m4s') => {
      const t = this.d.urls.sign({ authSessionId, viewSessionId: id, cameraId, resource: `segment:${s.id}` }, expires);
      return `segments/${s.id}/${part}?t=${t}`;
    };
    return vodPlaylist(playable.segments.map((s) => ({ start: s.start, durationMs: s.durationMs, initUrl: url(s, 'init.mp4'), mediaUrl: url(s, 'media.m4s') })));
  }

  /** One segment's init or media part, decrypted in memory (never written to disk). */
  async segmentPart(actor: Actor, authSessionId: string, id: string, cameraId: string, segmentId: number, part: 'init' | 'media', token: string): Promise<Buffer> {
    this.d.urls.check({ authSessionId, viewSessionId: id, cameraId, resource: `segment:${segmentId}` }, token);
    const session = await this.d.sessions.ownedWithCamera(actor, authSessionId, id, cameraId);
    const segment = await this.d.views.segment(segmentId);
    if (!segment || segment.cameraId !== cameraId) throw this.d.footage.nothingToPlay(1, cameraId);
    const refusal = await this.d.footage.isServable(segment);
    if (refusal) throw refusal;
    const parts = await this.playbackSegmentParts(segment, { userId: actor.id, viewSessionId: id, caseRef: session.case_ref });
    await this.d.views.touch(id, this.d.clock.now().toISOString());
    return part === 'init' ? parts.init : parts.media;
  }

  /**
   * The one place where a segment's playable bytes are produced: decrypted in memory and split into
   * its init and media parts. A footage object that is gone (purged, its day key destroyed) is
   * "nothing to play", as past retention.
   */
  private async playbackSegmentParts(segment: Segment, viewer: MaskContext): Promise<Fmp4Parts> {
    let plaintext: Buffer;
    try {
      const read = () => this.d.recording.footage.read(segment);
      // Privacy masks (issue 9 item 4): a masked camera's segment is re-encoded with its masks burnt in, unless a logged lift applies.
      plaintext = this.d.masks ? await this.d.masks.segment(segment.cameraId, segment.id, viewer, read) : await read();
    } catch (err) {
      if ((err instanceof FootageKeyError && err.code === 'day_key_destroyed') || err instanceof FootageObjectMissing) throw this.d.footage.nothingToPlay(1, segment.cameraId);
      throw err;
    }
    return splitFmp4(plaintext);
  }
}
