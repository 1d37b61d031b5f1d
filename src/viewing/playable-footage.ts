import type { Clock } from '../platform/clock.js';
import { restrictionBlocks } from '../cases/restriction.js';
import { DomainError, invalid } from '../platform/errors.js';
import type { ActiveProfile } from '../protocol/active-profile.js';
import { defaultMotionThreshold } from '../recording/motion.js';
import type { Recording } from '../recording/recording.module.js';
import { retentionCutoff } from '../recording/retention.js';
import type { Segment } from '../recording/segment.js';
import { timelineBands, type TimelineBand } from './playlist.js';
import { instant } from './view-session.js';

export interface PlayableFootageDeps {
  clock: Clock;
  profile: ActiveProfile;
  recording: Pick<Recording, 'segments' | 'holdStore' | 'cameras' | 'caseHolds'>;
}

/**
 * Which footage may still be watched (issue 6 item 6; WCP-8, SOE-7.1, MOZ-6.3): segments younger
 * than the camera's retention limit, and older ones only where an active hold covers them. Also the
 * camera's timeline (recorded / motion / held bands) and the clear message when nothing can be played.
 */
export class PlayableFootage {
  constructor(private readonly d: PlayableFootageDeps) {}

  /** The camera's retention limit: the recorder's per-camera limit, else the profile's. */
  async cutoff(cameraId: string): Promise<Date> {
    const camera = await this.d.recording.cameras.get(cameraId);
    const days = camera?.retentionDays ?? this.d.profile.current().retention.limitDays;
    return retentionCutoff(this.d.clock.now(), days);
  }

  async isPlayable(segment: Segment): Promise<boolean> {
    if (segment.start.getTime() >= (await this.cutoff(segment.cameraId)).getTime()) return true;
    const holds = await this.d.recording.holdStore.activeWindows(segment.cameraId);
    return holds.some((h) => h.from < segment.end && h.to > segment.start);
  }

  /**
   * The playable segments in a window, how many were left out as past retention, and the refusal
   * when footage under a restriction of processing (a "do not use" hold, AVG-18) was left out.
   */
  async segments(cameraId: string, from: Date, to: Date): Promise<{ segments: Segment[]; expired: number; restricted: DomainError | null }> {
    const all = await this.d.recording.segments.between(cameraId, from, to);
    const cutoff = await this.cutoff(cameraId);
    const holds = all.some((s) => s.start.getTime() < cutoff.getTime()) ? await this.d.recording.holdStore.activeWindows(cameraId) : [];
    const retained = all.filter((s) => s.start.getTime() >= cutoff.getTime() || holds.some((h) => h.from < s.end && h.to > s.start));
    const restrictions = (await this.d.recording.caseHolds.covering(cameraId, from.toISOString(), to.toISOString())).filter(
      (h) => h.kind === 'restriction' && h.releasedAt === null,
    );
    const segments = retained.filter((s) => !restrictions.some((h) => Date.parse(h.from) < s.end.getTime() && Date.parse(h.to) > s.start.getTime()));
    const beforeCutoff = from.getTime() < cutoff.getTime() ? 1 : 0;
    return {
      segments,
      expired: all.length - retained.length + (retained.length ? 0 : beforeCutoff),
      restricted: segments.length < retained.length ? restrictedFootage(restrictions) : null,
    };
  }

  /** A single segment may be served: retained (or held) and not under a restriction of processing. */
  async isServable(segment: Segment): Promise<DomainError | null> {
    if (!(await this.isPlayable(segment))) return this.nothingToPlay(1, segment.cameraId);
    const holds = await this.d.recording.caseHolds.covering(segment.cameraId, segment.start.toISOString(), segment.end.toISOString());
    const restrictions = holds.filter((h) => h.kind === 'restriction' && h.releasedAt === null);
    return restrictions.length ? restrictedFootage(restrictions) : null;
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

  /** Why there is nothing to play: past retention (naming the profile's rule), or no footage at all. */
  nothingToPlay(expired: number, cameraId: string): DomainError {
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

function restrictedFootage(holds: readonly { kind: string; caseRef: string | null; releasedAt: string | null }[]): DomainError {
  const v = restrictionBlocks(holds)!;
  return new DomainError('forbidden', v.code, v.message.en, { rule: v.rule, message: v.message });
}
