import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type { Logger } from '../platform/logger.js';
import { childEnv, defaultDemoScene, redactCredentials } from '../recording/ffmpeg-args.js';
import type { FfmpegBinaries } from '../recording/media-tools.js';
import type { RecordingTargets } from '../recording/targets.js';
import { BoxStream, codecOf } from './box-stream.js';
import { startsWithKeyframe } from './keyframe.js';
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

interface Feed {
  child: ChildProcess;
  /** When the feed's media time 0 arrived (its first fragment; until then, when ffmpeg started). */
  startedAt: number;
  init: Promise<Buffer>;
  subscribers: Set<LiveSubscriber>;
  /** The fragments since the last keyframe (that one first): what a joining viewer needs to show the picture now. */
  sinceKeyframe: Buffer[];
  idleTimer: NodeJS.Timeout | null;
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
 */
export class LiveFeeds {
  private readonly feeds = new Map<string, Feed>();

  constructor(
    private readonly d: { targets: RecordingTargets; binaries: () => Promise<FfmpegBinaries>; logger: Logger; idleMs?: number; initTimeoutMs?: number },
  ) {}

  /** Starts (or joins) the camera's feed; resolves with its init part, codec and when it started. */
  async open(cameraId: string, variant: LiveVariant | null = null): Promise<{ init: Buffer; codec: string; startedAt: number }> {
    const key = variant?.key ?? cameraId;
    const feed = this.feeds.get(key) ?? (await this.start(cameraId, variant));
    this.touch(key, feed);
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
    feed.subscribers.add(subscriber);
    if (feed.idleTimer) clearTimeout(feed.idleTimer);
    feed.idleTimer = null;
    return {
      head: Buffer.concat([init, ...feed.sinceKeyframe]),
      unsubscribe: () => {
        feed.subscribers.delete(subscriber);
        this.touch(key, feed);
      },
    };
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.feeds.keys()].map((id) => this.stop(id)));
  }

  private touch(cameraId: string, feed: Feed): void {
    if (feed.subscribers.size > 0) return;
    if (feed.idleTimer) clearTimeout(feed.idleTimer);
    feed.idleTimer = setTimeout(() => void this.stop(cameraId), this.d.idleMs ?? 10_000);
    feed.idleTimer.unref();
  }

  private async start(cameraId: string, variant: LiveVariant | null = null): Promise<Feed> {
    const key = variant?.key ?? cameraId;
    const target = (await this.d.targets.list()).find((t) => t.cameraId === cameraId);
    if (!target) throw new LiveUnavailable('this camera may not record (or is not in the register), so it cannot be watched live (INV-8)');
    const existing = this.feeds.get(key);
    if (existing) return existing;
    const binaries = await this.d.binaries();
    const plain = liveArgs(target.url, { socketTimeoutSeconds: 10, ffmpegMajor: binaries.ffmpegMajor, demo: { ...defaultDemoScene, fontFile: demoFont() } });
    // Privacy masks (issue 9 item 4): a masked camera's feed is its own variant, with the masks burnt in.
    const args = variant ? variant.args(plain) : plain;
    const child = spawn(binaries.ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'], env: childEnv(), shell: false });
    const log = this.d.logger.child({ module: 'live', cameraId });
    const stream = new BoxStream();
    const subscribers = new Set<LiveSubscriber>();
    let resolveInit!: (init: Buffer) => void;
    let rejectInit!: (err: Error) => void;
    const init = new Promise<Buffer>((resolve, reject) => {
      resolveInit = resolve;
      rejectInit = reject;
    });
    init.catch(() => undefined);
    const timeout = setTimeout(() => rejectInit(new LiveUnavailable('the camera sent no picture in time')), this.d.initTimeoutMs ?? 15_000);
    timeout.unref();
    let initSeen = false;
    child.stdout!.on('data', (chunk: Buffer) => {
      let fragments: Buffer[];
      try {
        fragments = stream.push(chunk);
      } catch (err) {
        log.warn({ err }, 'live stream not parseable');
        child.kill('SIGKILL');
        return;
      }
      if (stream.init && !initSeen) {
        // Media time 0 is the first fragment, which begins right after the init part: the player's
        // latency estimate counts from here, not from ffmpeg's start (an RTSP camera takes seconds to answer).
        initSeen = true;
        feed.startedAt = Date.now();
        clearTimeout(timeout);
        resolveInit(stream.init);
      }
      for (const fragment of fragments) {
        if (startsWithKeyframe(fragment) || feed.sinceKeyframe.length >= maxSinceKeyframe) feed.sinceKeyframe = [fragment];
        else if (feed.sinceKeyframe.length) feed.sinceKeyframe.push(fragment);
        for (const s of subscribers) s.fragment(fragment);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => log.debug({ stderr: redactCredentials(chunk.toString('utf8')).slice(0, 500) }, 'ffmpeg'));
    const feed: Feed = { child, startedAt: Date.now(), init, subscribers, sinceKeyframe: [], idleTimer: null };
    child.once('close', (code, signal) => {
      clearTimeout(timeout);
      rejectInit(new LiveUnavailable(`the live feed ended (${code ?? signal})`));
      if (this.feeds.get(key) === feed) this.feeds.delete(key);
      for (const s of subscribers) s.close();
      log.debug({ code, signal }, 'live feed stopped');
    });
    child.once('error', (err) => rejectInit(new LiveUnavailable(`ffmpeg did not start: ${err.message}`)));
    this.feeds.set(key, feed);
    return feed;
  }

  private async stop(cameraId: string): Promise<void> {
    const feed = this.feeds.get(cameraId);
    if (!feed) return;
    this.feeds.delete(cameraId);
    if (feed.idleTimer) clearTimeout(feed.idleTimer);
    if (feed.child.exitCode !== null || feed.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => feed.child.once('close', () => resolve()));
    feed.child.kill('SIGTERM');
    const timer = setTimeout(() => feed.child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }
}

function demoFont(): string | null {
  for (const file of ['/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf', '/usr/share/fonts/dejavu/DejaVuSansMono.ttf']) if (fs.existsSync(file)) return file;
  return null;
}
