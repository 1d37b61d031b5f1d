import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type { Logger } from '../platform/logger.js';
import { childEnv, defaultDemoScene, redactCredentials } from '../recording/ffmpeg-args.js';
import type { FfmpegBinaries } from '../recording/media-tools.js';
import type { RecordingTargets } from '../recording/targets.js';
import { BoxStream, codecOf } from './box-stream.js';
import { child as box, startsWithKeyframe } from './keyframe.js';
import { liveArgs } from './live-args.js';
import type { LiveVariant } from '../masks/masks.module.js';

export interface LiveSubscriber {
  fragment(bytes: Buffer): void;
  close(): void;
}

export class LiveUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LiveUnavailable';
  }
}

/** A camera's mask state as a running feed follows it (MaskService.liveState). */
export interface LiveMaskState {
  version: number;
  /** Whether the current version masks anything. */
  masked: boolean;
  lifts: string[];
}

/**
 * What a feed shows, from its key (the variant LiveView resolved for the viewer): the plain picture
 * (no mask applied), a mask version burnt in (`<camera>:mask-v<N>`), or lifted (`<camera>:lifted`,
 * with the lifts open when it started or a viewer joined).
 */
export type FeedShows = { kind: 'plain' } | { kind: 'masked'; version: number } | { kind: 'lifted'; lifts: string[] };

export function feedShows(key: string, lifts: readonly string[]): FeedShows {
  if (key.endsWith(':lifted')) return { kind: 'lifted', lifts: [...lifts] };
  const masked = /:mask-v(\d+)$/.exec(key);
  return masked ? { kind: 'masked', version: Number(masked[1]) } : { kind: 'plain' };
}

/**
 * What live feeds take from the privacy masks to follow an edit while they run: the camera's mask
 * state, and the feed a viewer without a lift gets now (null: the plain stream-copy feed).
 */
export interface LiveMaskSource {
  state(cameraId: string): Promise<LiveMaskState>;
  variant(cameraId: string): Promise<LiveVariant | null>;
}

interface Feed {
  key: string;
  cameraId: string;
  child: ChildProcess;
  /** When the feed's media time 0 arrived (its first fragment; until then, when ffmpeg started). */
  startedAt: number;
  init: Promise<Buffer>;
  /** Set once the init part arrived: it, its codec and its video timescale. */
  ready: { init: Buffer; codec: string; timescale: number } | null;
  /** The first fragment's decode time (in the timescale): media time 0 of this feed. */
  firstTfdt: bigint | null;
  viewers: Set<Viewer>;
  /** The fragments since the last keyframe (that one first): what a joining viewer needs to show the picture now. */
  sinceKeyframe: Buffer[];
  idleTimer: NodeJS.Timeout | null;
  /** What the feed shows (null: masks are not followed). */
  shows: FeedShows | null;
  /** Being replaced by a feed with the new masks. */
  switching: boolean;
}

/**
 * One viewer's stream. A viewer stays on one HTTP response while the feed under it is replaced
 * (masks changed): it then gets the new feed's init part and fragments whose decode times are
 * shifted onto its own media timeline (the player keeps its MediaSource and its latency estimate).
 */
interface Viewer {
  target: LiveSubscriber;
  feed: Feed;
  /** The feed the viewer started on: its media timeline. */
  origin: Feed;
}

/** A bound on the fragments kept since the last keyframe (a camera that never sends one again). */
const maxSinceKeyframe = 600;

/**
 * Live feeds (issue 6 item 1): one ffmpeg per camera, started on demand when the first viewer
 * arrives and stopped (SIGTERM, then SIGKILL) when the last one has been gone for idleMs. ffmpeg
 * copies the camera's stream into short fragments of fragmented MP4 on its stdout; the init part
 * and the fragments since the last keyframe are kept in memory, and each fragment goes to every
 * subscriber. A joining subscriber starts with the init part and those fragments, so its picture
 * appears at once and then follows live. Nothing is written to disk. Only cameras the register lets
 * record (INV-8: the recorder's targets) can be watched live.
 *
 * Privacy masks (issue 9 item 4) follow edits while a feed runs: a feed remembers the camera's mask
 * version (and, for a lifted feed, the open lifts) it shows; when the masks change — told at once by
 * `masksChanged` (the mask service in this process), and found by polling every maskCheckMs (another
 * process's edit, a lift that expires) — the feed is replaced by one with the current masks for a
 * viewer without a lift (a lifted feed whose lift ended becomes masked), and its viewers move to it
 * on the same stream: the new init part, then the new fragments with decode times continued on the
 * viewer's timeline. Where the codec changes family (a stream-copied HEVC camera) the viewers' streams
 * end instead; a player starts again and gets the masked feed.
 */
export class LiveFeeds {
  private readonly feeds = new Map<string, Feed>();
  private maskTimer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;

  constructor(
    private readonly d: {
      targets: RecordingTargets;
      binaries: () => Promise<FfmpegBinaries>;
      logger: Logger;
      idleMs?: number;
      initTimeoutMs?: number;
      /** The masks' state and the masked feed of a camera (absent: feeds keep what they started with). */
      masks?: LiveMaskSource | null;
      /** How often running feeds compare their masks with the camera's (default 1 s). */
      maskCheckMs?: number;
    },
  ) {}

  /** Starts (or joins) the camera's feed; resolves with its init part, codec and when it started. */
  async open(cameraId: string, variant: LiveVariant | null = null): Promise<{ init: Buffer; codec: string; startedAt: number }> {
    const key = variant?.key ?? cameraId;
    const feed = this.feeds.get(key) ?? (await this.start(cameraId, variant));
    this.touch(feed);
    const init = await feed.init;
    return { init, codec: codecOf(init), startedAt: feed.startedAt };
  }

  /**
   * Adds a subscriber: `head` is what it shows first (the init part, then the fragments since the
   * last keyframe); then it gets every fragment as it comes.
   */
  async subscribe(cameraId: string, subscriber: LiveSubscriber, variant: LiveVariant | null = null): Promise<{ head: Buffer; unsubscribe(): void }> {
    const key = variant?.key ?? cameraId;
    const { init } = await this.open(cameraId, variant);
    const feed = this.feeds.get(key);
    if (!feed) throw new LiveUnavailable('the live feed stopped');
    const viewer: Viewer = { target: subscriber, feed, origin: feed };
    feed.viewers.add(viewer);
    if (feed.idleTimer) clearTimeout(feed.idleTimer);
    feed.idleTimer = null;
    if (feed.shows?.kind === 'lifted') void this.rememberLifts(feed);
    return {
      head: Buffer.concat([init, ...feed.sinceKeyframe]),
      unsubscribe: () => {
        viewer.feed.viewers.delete(viewer);
        this.touch(viewer.feed);
      },
    };
  }

  /** The camera's masks changed (saved, lift started or ended): running feeds check theirs now. */
  masksChanged(cameraId: string): void {
    void this.checkMasks(cameraId);
  }

  async stopAll(): Promise<void> {
    if (this.maskTimer) clearInterval(this.maskTimer);
    this.maskTimer = null;
    await this.checking?.catch(() => undefined);
    await Promise.all([...this.feeds.keys()].map((id) => this.stop(id)));
  }

  private touch(feed: Feed): void {
    if (feed.viewers.size > 0) return;
    if (feed.idleTimer) clearTimeout(feed.idleTimer);
    feed.idleTimer = setTimeout(() => void this.stop(feed.key, feed), this.d.idleMs ?? 10_000);
    feed.idleTimer.unref();
  }

  private async start(cameraId: string, variant: LiveVariant | null = null): Promise<Feed> {
    const key = variant?.key ?? cameraId;
    const target = (await this.d.targets.list()).find((t) => t.cameraId === cameraId);
    if (!target) throw new LiveUnavailable('this camera may not record (or is not in the register), so it cannot be watched live (INV-8)');
    const masks = this.d.masks ? await this.d.masks.state(cameraId).catch(() => null) : null;
    const existing = this.feeds.get(key);
    if (existing) return existing;
    const binaries = await this.d.binaries();
    const again = this.feeds.get(key);
    if (again) return again;
    const plain = liveArgs(target.url, { socketTimeoutSeconds: 10, ffmpegMajor: binaries.ffmpegMajor, demo: { ...defaultDemoScene, fontFile: demoFont() } });
    // Privacy masks (issue 9 item 4): a masked camera's feed is its own variant, with the masks burnt in.
    const args = variant ? variant.args(plain) : plain;
    const child = spawn(binaries.ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'], env: childEnv(), shell: false });
    const log = this.d.logger.child({ module: 'live', cameraId });
    const stream = new BoxStream();
    let resolveInit!: (init: Buffer) => void;
    let rejectInit!: (err: Error) => void;
    const init = new Promise<Buffer>((resolve, reject) => {
      resolveInit = resolve;
      rejectInit = reject;
    });
    init.catch(() => undefined);
    const timeout = setTimeout(() => rejectInit(new LiveUnavailable('the camera sent no picture in time')), this.d.initTimeoutMs ?? 15_000);
    timeout.unref();
    const feed: Feed = {
      key, cameraId, child, startedAt: Date.now(), init, ready: null, firstTfdt: null, viewers: new Set(), sinceKeyframe: [], idleTimer: null,
      shows: masks ? feedShows(key, masks.lifts) : null, switching: false,
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      let fragments: Buffer[];
      try {
        fragments = stream.push(chunk);
      } catch (err) {
        log.warn({ err }, 'live stream not parseable');
        child.kill('SIGKILL');
        return;
      }
      if (stream.init && !feed.ready) {
        // Media time 0 is the first fragment, which begins right after the init part: the player's
        // latency estimate counts from here, not from ffmpeg's start (an RTSP camera takes seconds to answer).
        feed.startedAt = Date.now();
        feed.ready = { init: stream.init, codec: codecOf(stream.init), timescale: videoTimescale(stream.init) };
        clearTimeout(timeout);
        resolveInit(stream.init);
      }
      for (const fragment of fragments) {
        feed.firstTfdt ??= decodeTime(fragment);
        if (startsWithKeyframe(fragment) || feed.sinceKeyframe.length >= maxSinceKeyframe) feed.sinceKeyframe = [fragment];
        else if (feed.sinceKeyframe.length) feed.sinceKeyframe.push(fragment);
        for (const viewer of feed.viewers) viewer.target.fragment(this.onTimeline(viewer, feed, fragment));
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => log.debug({ stderr: redactCredentials(chunk.toString('utf8')).slice(0, 500) }, 'ffmpeg'));
    child.once('close', (code, signal) => {
      clearTimeout(timeout);
      rejectInit(new LiveUnavailable(`the live feed ended (${code ?? signal})`));
      if (this.feeds.get(key) === feed) this.feeds.delete(key);
      for (const viewer of feed.viewers) viewer.target.close();
      feed.viewers.clear();
      log.debug({ code, signal }, 'live feed stopped');
    });
    child.once('error', (err) => rejectInit(new LiveUnavailable(`ffmpeg did not start: ${err.message}`)));
    this.feeds.set(key, feed);
    this.watchMasks();
    return feed;
  }

  /** The fragment as this viewer's player expects it: on the timeline of the feed it started on. */
  private onTimeline(viewer: Viewer, feed: Feed, fragment: Buffer): Buffer {
    if (viewer.origin === feed || !feed.ready || feed.firstTfdt === null) return fragment;
    const origin = viewer.origin;
    const originBase = origin.ready && origin.firstTfdt !== null ? Number(origin.firstTfdt) / origin.ready.timescale : 0;
    const timescale = feed.ready.timescale;
    const first = feed.firstTfdt;
    const offsetSeconds = originBase + (feed.startedAt - origin.startedAt) / 1000;
    return withDecodeTime(fragment, (t) => {
      const target = Math.round((offsetSeconds + Number(t - first) / timescale) * timescale);
      return BigInt(Math.max(0, target));
    });
  }

  private async rememberLifts(feed: Feed): Promise<void> {
    if (!this.d.masks) return;
    const now = await this.d.masks.state(feed.cameraId).catch(() => null);
    if (now && feed.shows?.kind === 'lifted') feed.shows = { kind: 'lifted', lifts: [...new Set([...feed.shows.lifts, ...now.lifts])].sort() };
  }

  private watchMasks(): void {
    if (!this.d.masks || this.maskTimer) return;
    this.maskTimer = setInterval(() => {
      if (this.feeds.size === 0) {
        clearInterval(this.maskTimer!);
        this.maskTimer = null;
        return;
      }
      if (this.checking) return;
      this.checking = this.checkMasks().finally(() => {
        this.checking = null;
      });
    }, this.d.maskCheckMs ?? 1_000);
    this.maskTimer.unref();
  }

  /** Compares every running feed (of one camera, or all) with the camera's masks now; replaces the ones that are out of date. */
  private async checkMasks(onlyCamera?: string): Promise<void> {
    const masks = this.d.masks;
    if (!masks) return;
    const cameras = new Set([...this.feeds.values()].map((f) => f.cameraId).filter((c) => !onlyCamera || c === onlyCamera));
    for (const cameraId of cameras) {
      let state: LiveMaskState;
      try {
        state = await masks.state(cameraId);
      } catch (err) {
        this.d.logger.warn({ err, cameraId }, 'live: mask state not readable');
        continue;
      }
      for (const feed of [...this.feeds.values()].filter((f) => f.cameraId === cameraId && !f.switching)) {
        if (!feedOutdated(feed, state)) continue;
        feed.switching = true;
        void this.replace(feed).catch((err: unknown) => {
          this.d.logger.warn({ err, cameraId }, 'live: feed could not follow a mask change; its viewers start again');
          this.endViewers(feed);
          void this.stop(feed.key, feed);
        });
      }
    }
  }

  /** Replaces an out-of-date feed with the one a viewer without a lift gets now, moving its viewers onto it. */
  private async replace(old: Feed): Promise<void> {
    const variant = await this.d.masks!.variant(old.cameraId);
    const key = variant?.key ?? old.cameraId;
    if (key === old.key) {
      // Same picture after all: nothing to restart.
      old.switching = false;
      return;
    }
    this.feeds.delete(old.key); // nobody joins the old one any more
    const next = this.feeds.get(key) ?? (await this.start(old.cameraId, variant));
    await next.init;
    const ready = next.ready!;
    const moving = [...old.viewers];
    old.viewers.clear();
    for (const viewer of moving) {
      // MediaSource takes a new init part of the same codec family on the same SourceBuffer; another family needs a new player.
      if (!old.ready || codecFamily(old.ready.codec) !== codecFamily(ready.codec)) {
        viewer.target.close();
        continue;
      }
      viewer.feed = next;
      viewer.target.fragment(ready.init);
      for (const fragment of next.sinceKeyframe) viewer.target.fragment(this.onTimeline(viewer, next, fragment));
      next.viewers.add(viewer);
    }
    if (next.idleTimer && next.viewers.size) {
      clearTimeout(next.idleTimer);
      next.idleTimer = null;
    }
    this.touch(next);
    this.d.logger.child({ module: 'live', cameraId: old.cameraId }).info({ from: old.key, to: key, viewers: moving.length }, 'live feed follows a privacy-mask change');
    await this.stop(old.key, old);
  }

  private endViewers(feed: Feed): void {
    for (const viewer of feed.viewers) viewer.target.close();
    feed.viewers.clear();
  }

  private async stop(key: string, which?: Feed): Promise<void> {
    const feed = which ?? this.feeds.get(key);
    if (!feed) return;
    if (this.feeds.get(key) === feed) this.feeds.delete(key);
    if (feed.idleTimer) clearTimeout(feed.idleTimer);
    if (feed.child.exitCode !== null || feed.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => feed.child.once('close', () => resolve()));
    feed.child.kill('SIGTERM');
    const timer = setTimeout(() => feed.child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * Whether a feed shows other masks than the camera has now: a plain feed when the camera has masks;
 * a masked feed when the version changed; a lifted feed when a lift its viewers had is no longer open
 * (ended or expired), or none was open (a lift that ended while the feed started).
 */
export function feedOutdated(feed: { shows: FeedShows | null }, now: LiveMaskState): boolean {
  const shows = feed.shows;
  if (!shows) return false;
  if (shows.kind === 'plain') return now.masked;
  if (shows.kind === 'masked') return shows.version !== now.version;
  return shows.lifts.length === 0 || shows.lifts.some((id) => !now.lifts.includes(id));
}

/** 'avc1' of 'avc1.64001f': MediaSource switches profiles within a family, not families. */
export function codecFamily(codec: string): string {
  return codec.split('.')[0]!;
}

/** The timescale of the init part's first track (moov/trak/mdia/mdhd); 90 kHz when absent. */
export function videoTimescale(init: Buffer): number {
  const moov = box(init, 0, init.length, 'moov');
  const trak = moov && box(init, moov.body, moov.end, 'trak');
  const mdia = trak && box(init, trak.body, trak.end, 'mdia');
  const mdhd = mdia && box(init, mdia.body, mdia.end, 'mdhd');
  if (!mdhd) return 90_000;
  const version = init[mdhd.body]!;
  return init.readUInt32BE(mdhd.body + 4 + (version === 1 ? 16 : 8));
}

/** The decode time of a fragment's first track run (moof/traf/tfdt), or null. */
export function decodeTime(fragment: Buffer): bigint | null {
  const moof = box(fragment, 0, fragment.length, 'moof');
  const traf = moof && box(fragment, moof.body, moof.end, 'traf');
  const tfdt = traf && box(fragment, traf.body, traf.end, 'tfdt');
  if (!tfdt) return null;
  return fragment[tfdt.body] === 1 ? fragment.readBigUInt64BE(tfdt.body + 4) : BigInt(fragment.readUInt32BE(tfdt.body + 4));
}

/** A copy of the fragment with every track fragment's decode time mapped (a 32-bit field is clamped). */
export function withDecodeTime(fragment: Buffer, map: (t: bigint) => bigint): Buffer {
  const out = Buffer.from(fragment);
  const moof = box(out, 0, out.length, 'moof');
  if (!moof) return out;
  for (let at = moof.body; at + 8 <= moof.end;) {
    const size = out.readUInt32BE(at);
    if (size < 8 || at + size > moof.end) break;
    if (out.toString('latin1', at + 4, at + 8) === 'traf') {
      const tfdt = box(out, at + 8, at + size, 'tfdt');
      if (tfdt) {
        if (out[tfdt.body] === 1) out.writeBigUInt64BE(map(out.readBigUInt64BE(tfdt.body + 4)), tfdt.body + 4);
        else {
          const mapped = map(BigInt(out.readUInt32BE(tfdt.body + 4)));
          out.writeUInt32BE(Number(mapped > 0xffffffffn ? 0xffffffffn : mapped), tfdt.body + 4);
        }
      }
    }
    at += size;
  }
  return out;
}

function demoFont(): string | null {
  for (const file of ['/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf', '/usr/share/fonts/dejavu/DejaVuSansMono.ttf']) if (fs.existsSync(file)) return file;
  return null;
}
