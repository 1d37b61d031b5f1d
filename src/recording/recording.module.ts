import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Config } from '../platform/config.js';
import type { Clock } from '../platform/clock.js';
import type { Schema } from '../platform/db/schema.js';
import type { Logger } from '../platform/logger.js';
import type { Logbook } from '../logbook/logbook.service.js';
import { Ingester, recorderActor, type SegmentInspector } from './ingester.js';
import { IngestQueue } from './ingest-queue.js';
import type { RecorderSettings } from './camera-recorder.js';
import { CameraLeases } from './camera-leases.js';
import { CameraStateRepository } from './camera-state.repository.js';
import { CaseHoldPort } from './case-hold.port.js';
import { DayKeys } from './day-keys.js';
import { defaultDemoScene } from './ffmpeg-args.js';
import { FootageReader } from './footage.service.js';
import type { FootageStore } from './footage-store.js';
import { HoldRepository } from './hold.repository.js';
import { HoldService } from './hold.service.js';
import { LocalFootageStore } from './local-store.js';
import { loadMasterKey, type MasterKey } from './master-key.js';
import { resolveBinaries, type FfmpegBinaries } from './media-tools.js';
import { defaultMotionThreshold } from './motion.js';
import { SpawnLauncher, type ProcessLauncher } from './process.js';
import { RecorderStatusService } from './recorder-status.js';
import { defaultRestartPolicy } from './restart-policy.js';
import { RetentionService } from './retention.service.js';
import { Sealer } from './sealer.js';
import { StoreScan } from './store-scan.js';
import { S3FootageStore } from './s3-store.js';
import { SegmentRepository } from './segment.repository.js';
import { Recorder } from './supervisor.js';
import type { RecordingTargets } from './targets.js';

/** The recorder's services, wired by hand for the composition root (src/bin/app.ts). */
export interface Recording {
  segments: SegmentRepository;
  holdStore: HoldRepository;
  holds: HoldService;
  /** The holds behind the case workflows' HoldPort (wire into src/cases instead of case_holds). */
  caseHolds: CaseHoldPort;
  cameras: CameraStateRepository;
  keys: DayKeys;
  store: FootageStore;
  footage: FootageReader;
  retention: RetentionService;
  status: RecorderStatusService;
  /** The orphan scan: store objects without index rows and rows without objects. */
  storeScan: StoreScan;
  /** The running recorder role, once started. */
  readonly recorder: Recorder | null;
  /** How the running recorder seals segments: the cipher and write path of the last one (null before it, or when not recording). */
  readonly sealing: { cipher: Sealer['lastCipher']; write: Sealer['lastWrite'] } | null;
  /** Starts the recorder role: one ffmpeg per camera the register allows (INV-8). */
  startRecorder(options?: { settings?: Partial<RecorderSettings>; refreshMs?: number; lease?: { holder?: string; ttlMs?: number } }): Promise<Recorder>;
  /** Starts the periodic retention sweep (it runs whether or not this process records). */
  startSweeper(intervalMs?: number): void;
  /** Stops the sweep and the recorder cleanly (SIGTERM, grace, SIGKILL; last segments ingested). */
  stop(): Promise<void>;
  /** Re-wraps every live day key under a new master key in one transaction (DayKeys.rotate), with a logboek entry. */
  rotateMasterKey(next: MasterKey, actor?: { id: string | null; name: string; role: string | null }): Promise<{ rewrapped: number; already: number }>;
}

export interface RecordingOptions {
  db: Kysely<Schema>;
  config: Config;
  logbook: Logbook;
  clock: Clock;
  logger: Logger;
  targets: RecordingTargets;
  /** The retention limit for footage of a camera the register no longer names (the active profile's). */
  defaultRetentionDays: () => number;
  /** Replacements for tests and benchmarks. */
  store?: FootageStore;
  media?: SegmentInspector;
  binaries?: FfmpegBinaries;
  launcher?: ProcessLauncher;
  freeBytes?: () => Promise<number | null>;
}

export function footageStoreFrom(config: Config): FootageStore {
  if (config.footageStore === 'local') return new LocalFootageStore(config.footageDir);
  const missing = (['s3Bucket', 's3AccessKeyId', 's3SecretAccessKey'] as const).filter((k) => !config[k]);
  if (missing.length) throw new Error(`TOEZICHT_FOOTAGE_STORE=s3 needs ${missing.map((k) => k.replace(/^s3/, 'TOEZICHT_S3_').replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()).join(', ')}`);
  return new S3FootageStore({
    bucket: config.s3Bucket, endpoint: config.s3Endpoint || undefined, region: config.s3Region, accessKeyId: config.s3AccessKeyId,
    secretAccessKey: config.s3SecretAccessKey, forcePathStyle: config.s3ForcePathStyle, prefix: config.s3Prefix,
  });
}

export async function createRecording(o: RecordingOptions): Promise<Recording> {
  const { db, config, logbook, clock, logger } = o;
  const log = logger.child({ module: 'recorder' });
  const master = loadMasterKey({ keyBase64: config.masterKey || undefined, file: config.masterKeyFile });
  const keys = new DayKeys(db, master, clock);
  await keys.init();
  const store = o.store ?? footageStoreFrom(config);
  const segments = new SegmentRepository(db);
  const cameras = new CameraStateRepository(db);
  const holdStore = new HoldRepository(db, segments);
  const quarantineDir = path.join(config.dataDir, 'quarantine');
  const spoolDir = path.join(config.dataDir, 'spool');
  const floorBytes = config.footageMinFreeMb * 1024 * 1024;
  let recorder: Recorder | null = null;
  let sealer: Sealer | null = null;

  const retention = new RetentionService({
    db, segments, holds: holdStore, cameras, keys, store, logbook, clock, logger: log, quarantineDir,
    motion: { threshold: defaultMotionThreshold, marginMs: config.segmentSeconds * 1000 },
    pressure: {
      floorBytes,
      freeBytes: o.freeBytes ?? (() => store.freeBytes()),
      onExhausted: async (free) => {
        await logbook.record({ actor: recorderActor, action: 'recording.store_full', subject: { store: store.kind, freeBytes: free, floorBytes, heldOnly: true } });
        await recorder?.pause(`footage store below its free-space floor with only held footage left (${Math.round(free / 1048576)} MB free)`);
      },
      onRecovered: async () => {
        await logbook.record({ actor: recorderActor, action: 'recording.store_recovered', subject: { store: store.kind, floorBytes } });
        recorder?.resume();
      },
    },
  });

  const status = new RecorderStatusService({ cameras, segments, holds: holdStore, store, floorBytes, clock, recorder: () => recorder });

  return {
    segments, holdStore, cameras, keys, store, retention, status,
    storeScan: new StoreScan({ db, segments, holds: holdStore, store, logbook, clock }),
    holds: new HoldService({ db, holds: holdStore, logbook, clock }),
    caseHolds: new CaseHoldPort(holdStore, clock),
    footage: new FootageReader(store, keys),
    get recorder() {
      return recorder;
    },
    get sealing() {
      return sealer ? { cipher: sealer.lastCipher, write: sealer.lastWrite } : null;
    },
    async startRecorder(options = {}) {
      if (recorder) return recorder;
      const binaries = o.binaries ?? (await resolveBinaries({ ffmpegPath: config.ffmpegPath, ffprobePath: config.ffprobePath }));
      fs.mkdirSync(spoolDir, { recursive: true, mode: 0o700 });
      const queue = new IngestQueue(log, 2);
      sealer = new Sealer();
      const ingester = new Ingester({
        db, segments, cameras, store, keys, media: o.media, sealer, logbook, clock, logger: log, quarantineDir,
      });
      const settings: RecorderSettings = {
        segmentSeconds: config.segmentSeconds, staleAfterMs: 20_000, offlineAfterMs: 30_000, stopGraceMs: 5_000, socketTimeoutSeconds: 10,
        pollMs: 1_000, restart: defaultRestartPolicy, demo: { ...defaultDemoScene, fontFile: demoFont() }, ...options.settings,
      };
      const refreshMs = options.refreshMs ?? 30_000;
      recorder = new Recorder({
        targets: o.targets, cameras, ingester, queue, launcher: o.launcher ?? new SpawnLauncher(), binaries, spoolDir, settings, logbook, clock,
        logger: log, refreshMs, defaultRetentionDays: o.defaultRetentionDays,
        // Several recorders may share the database: each records the cameras whose lease it holds,
        // renewed at every refresh; one that dies hands its cameras on after three refreshes.
        leases: { store: new CameraLeases(db), holder: options.lease?.holder ?? defaultLeaseHolder(config.dataDir), ttlMs: options.lease?.ttlMs ?? 3 * refreshMs },
      });
      await retention.purgeQueued();
      await recorder.start();
      return recorder;
    },
    startSweeper(intervalMs = config.retentionSweepMinutes * 60_000) {
      retention.start(intervalMs, (err) => log.error({ err }, 'retention sweep failed'));
    },
    async rotateMasterKey(next, actor = recorderActor) {
      const from = keys.masterKeyId;
      const result = await keys.rotate(next);
      await logbook.record({ actor, action: 'recording.master_key_rotated', subject: { from, to: next.id, ...result } });
      return result;
    },
    async stop() {
      await retention.stop();
      const running = recorder;
      if (running) await running.stop();
      recorder = null;
      await sealer?.close();
      sealer = null;
    },
  };
}

/** A font for the demo scenes' burnt-in clock, where the system has one. */
function demoFont(): string | null {
  for (const file of ['/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf', '/usr/share/fonts/dejavu/DejaVuSansMono.ttf']) if (fs.existsSync(file)) return file;
  return null;
}

/** A lease holder id that is stable for this host and data directory (a restart after a crash takes its cameras back at once). */
function defaultLeaseHolder(dataDir: string): string {
  return `${os.hostname()}:${crypto.createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 12)}`;
}
