import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { secureHeaders } from 'hono/secure-headers';
import type { Config } from '../platform/config.js';
import type { Database } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { systemClock, type Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';
import { SecretBox } from '../platform/crypto.js';
import { createHttpApp } from '../platform/http/app.js';
import type { Policy } from '../auth/policy.js';
import { declaredRoles, mfaRoles, profilePolicy, shippedProfile, type ActiveProfile } from '../protocol/active-profile.js';
import { ProfileStore } from '../protocol/versions/profile-store.js';
import { ProfileEditor } from '../protocol/versions/profile-editor.js';
import { registerProfileVersionRoutes } from '../protocol/versions/profile-version.routes.js';
import { camerasFromRegister } from '../protocol/publication/public-camera.js';
import { siteProtocolsFrom } from '../protocol/publication/site-protocol.js';
import { registerPublicationRoutes } from '../protocol/publication/publication.routes.js';
import type { AppEnv } from '../auth/guard.js';
import { UserRepository } from '../auth/user.repository.js';
import { SessionRepository } from '../auth/session.repository.js';
import { LoginAttemptRepository } from '../auth/login-attempt.repository.js';
import { AuthService } from '../auth/auth.service.js';
import { UserService } from '../auth/user.service.js';
import { sessionMiddleware } from '../auth/session.middleware.js';
import { registerAuthRoutes } from '../auth/auth.routes.js';
import { registerUserRoutes } from '../auth/user.routes.js';
import { CheckpointKey } from '../logbook/checkpoint-key.js';
import { Logbook } from '../logbook/logbook.service.js';
import { registerLogbookRoutes } from '../logbook/logbook.routes.js';
import { DashboardService } from '../dashboard/dashboard.service.js';
import { DashboardRepository } from '../dashboard/dashboard.repository.js';
import { registerDashboardRoutes } from '../dashboard/dashboard.routes.js';
import { createRegister, type Register } from '../register/register.module.js';
import { registerRegisterRoutes } from '../register/register.routes.js';
import { createCases, registerCameraDirectory, type Cases } from '../cases/cases.module.js';
import { registerCaseRoutes } from '../cases/cases.routes.js';
import { SmtpMailer } from '../cases/mailer.js';
import { createRecording, type Recording } from '../recording/recording.module.js';
import { FootageErasureService } from '../recording/erasure.service.js';
import { registerRecordingRoutes } from '../recording/recording.routes.js';
import { ViewSessionRepository } from '../viewing/view-session.repository.js';
import { ViewingService } from '../viewing/viewing.service.js';
import { registerViewingRoutes } from '../viewing/viewing.routes.js';
import { LiveFeeds } from '../viewing/live-feeds.js';
import { loadMediaTokenKeys } from '../viewing/media-token-keys.js';
import { resolveBinaries } from '../recording/media-tools.js';
import { createExports } from '../exports/exports.module.js';
import { registerExportRoutes } from '../exports/export.routes.js';
import type { ExportService } from '../exports/export.service.js';
import { registerTargets } from '../recording/targets.js';
import { Metrics } from '../ops/metrics.js';
import { registerOpsRoutes } from '../ops/ops.routes.js';
import { requestLog } from '../ops/request-log.js';
import { registerDocsRoutes } from '../ops/docs.routes.js';
import { createMasks, type PrivacyMasks } from '../masks/masks.module.js';
import { registerMaskRoutes } from '../masks/mask.routes.js';
import { createRedaction, type Redaction } from '../redaction/redaction.module.js';
import { registerRedactionRoutes } from '../redaction/redaction.routes.js';
import { registerReviewRoutes } from '../redaction/review.routes.js';
import { registerWebUi } from './web-ui.js';

export interface Toezicht {
  app: OpenAPIHono<AppEnv>;
  config: Config;
  database: Database;
  logbook: Logbook;
  users: UserService;
  auth: AuthService;
  policy: Policy;
  profile: ActiveProfile;
  /** The versions of the protocol profile (issue 3 item 6): the profile in force unless `options.profile` replaced it. */
  protocolVersions: ProfileStore;
  metrics: Metrics;
  /** The camera register; the recorder asks it which cameras it may record (camerasAllowedToRecord, INV-8). */
  register: Register;
  /** Incidents, holds, requests, documents and complaints (issue 7). */
  cases: Cases;
  /** The recorder (issue 5): segment index, holds, footage store, retention sweep; server.ts starts its roles. */
  recording: Recording;
  /** Evidence exports (issue 8): sealed, encrypted packages and their verification. */
  exports: ExportService;
  /** Privacy masks (issue 9 item 4): versions, lifts, and the ports that burn them into live, playback, exports and redactions. */
  masks: PrivacyMasks;
  /** Redaction (issue 9): analysis jobs (detect + track), review and render. */
  redaction: Redaction;
  /** Marks the instance as stopping (readyz answers 503), writes the final checkpoint and closes the database. */
  close(): Promise<void>;
}

export interface ToezichtOptions {
  config: Config;
  database: Database;
  logger: Logger;
  clock?: Clock;
  /** Replaces the versioned profile chosen by `config.profile` (tests); the versions are still recorded. */
  profile?: ActiveProfile;
}

/** The composition root: wires repositories, services and routes by hand (no container). */
export async function createToezicht(options: ToezichtOptions): Promise<Toezicht> {
  const { config, database, logger } = options;
  const clock = options.clock ?? systemClock;
  const db = database.db;
  await migrateToLatest(db);

  fs.mkdirSync(config.dataDir, { recursive: true });
  const secrets = SecretBox.loadOrCreate(config.dataDir);
  const logbook = new Logbook(db, clock, CheckpointKey.loadOrCreate(config.dataDir));
  // The protocol in force comes from its versions in the database; the configured shipped profile is version 1.
  const protocolVersions = await ProfileStore.open({ db, logbook, clock, shipped: shippedProfile(config.profile) });
  protocolVersions.startRefreshing();
  const profile = options.profile ?? protocolVersions;
  const policy = profilePolicy(profile);
  const userRepository = new UserRepository(db);
  const sessions = new SessionRepository(db);
  const attempts = new LoginAttemptRepository(db);
  const auth = new AuthService({
    db, users: userRepository, sessions, attempts, logbook, clock, secrets,
    mfaRoles: () => mfaRoles(profile),
    sessionIdleMinutes: config.sessionIdleMinutes,
    sessionAbsoluteHours: config.sessionAbsoluteHours,
  });
  const users = new UserService(db, userRepository, sessions, logbook, clock, () => declaredRoles(profile));
  const register = createRegister({
    db, logbook, clock, secrets, dataDir: config.dataDir, activeProfile: () => profile.current(),
    cameraAccess: { onvif: { discovery: config.onvifDiscovery }, connectionTest: { ffmpegPath: config.ffmpegPath } },
  });
  // The recorder records only what the register allows (INV-8); footage of a camera that left the register
  // keeps the active profile's limit. Its roles (ffmpeg children, sweep) are started by server.ts.
  const recording = await createRecording({
    db, config, logbook, clock, logger, targets: registerTargets(register), defaultRetentionDays: () => profile.current().retention.limitDays,
  });
  // One hold table for the cases and the retention sweep (INV-2): the recorder's.
  const mailer = config.smtpUrl ? new SmtpMailer(config.smtpUrl, config.smtpFrom) : null;
  const cases = createCases({
    db, logbook, clock, profile, dataDir: config.dataDir, cameras: registerCameraDirectory(register), users, mailer, sealer: secrets,
    holds: recording.caseHolds, footage: recording.segments,
    erasure: new FootageErasureService({ db, segments: recording.segments, holds: recording.holdStore, keys: recording.keys, store: recording.store, clock, logger }),
  });
  cases.reminders.start(config.reminderIntervalMinutes, (err) => logger.error({ err }, 'case reminders failed'));
  const metrics = new Metrics();
  let shuttingDown = false;

  const app = createHttpApp<AppEnv>(logger);
  app.use('*', metrics.middleware());
  app.use('*', requestLog(logger));
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        mediaSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'same-origin',
    }),
  );
  app.use('/api/*', sessionMiddleware(auth));
  registerOpsRoutes(app, { db, metrics, policy, isShuttingDown: () => shuttingDown });
  registerAuthRoutes(app, { auth, policy, secureCookies: config.secureCookies, sessionAbsoluteHours: config.sessionAbsoluteHours });
  registerUserRoutes(app, { users, attempts, policy });
  registerLogbookRoutes(app, { logbook, policy });
  registerDashboardRoutes(app, { dashboard: new DashboardService(new DashboardRepository(db), policy, clock, register.checks), policy });
  registerRegisterRoutes(app, { register, policy });
  registerProfileVersionRoutes(app, { store: protocolVersions, editor: new ProfileEditor(db, protocolVersions, logbook, clock), policy });
  registerPublicationRoutes(app, {
    profile, policy, clock,
    cameras: camerasFromRegister(() => register.publicCameraList()),
    sites: siteProtocolsFrom((siteId) => register.sites.get(siteId), profile),
  });
  registerCaseRoutes(app, { cases, policy, clock });
  registerRecordingRoutes(app, { recording, policy });
  // Privacy masks (issue 9 item 4; DOM-2, WEL-4, SOE-8): burnt into footage unless a logged lift applies.
  let maskBinaries: ReturnType<typeof resolveBinaries> | null = null;
  const masks = createMasks({
    db, logbook, clock,
    binaries: () => (maskBinaries ??= resolveBinaries({ ffmpegPath: config.ffmpegPath, ffprobePath: config.ffprobePath })),
    cameraName: async (id) => (await register.cameras.list()).find((camera) => camera.id === id)?.name ?? (await recording.cameras.get(id))?.name ?? null,
    viewSession: async (id) => {
      const row = await new ViewSessionRepository(db).get(id);
      return row ? { userId: row.user_id, endedAt: row.ended_at, cameraIds: JSON.parse(row.camera_ids) as string[] } : null;
    },
    latestSegment: async (id) => {
      const now = clock.now();
      const segment = (await recording.segments.between(id, new Date(now.getTime() - 7 * 86_400_000), now)).at(-1);
      return segment ? { id: segment.id, start: segment.start, read: () => recording.footage.read(segment) } : null;
    },
  });
  registerMaskRoutes(app, { masks: masks.service, still: masks.still, policy });
  // Watching (issue 6): view sessions bound to a reason, playback decrypted in memory, logged (INV-3).
  let liveBinaries: ReturnType<typeof resolveBinaries> | null = null;
  const live = new LiveFeeds({
    targets: registerTargets(register), logger,
    binaries: () => (liveBinaries ??= resolveBinaries({ ffmpegPath: config.ffmpegPath, ffprobePath: config.ffprobePath })),
    // Running feeds follow mask edits and lift ends (issue 9): told at once here, polled for other processes' edits and expiries.
    masks: { state: (cameraId) => masks.service.liveState(cameraId), variant: (cameraId) => masks.liveVariant(cameraId, {}) },
  });
  masks.service.onChange((cameraId) => live.masksChanged(cameraId));
  // Media URLs signed with a key the API servers share (TOEZICHT_MEDIA_TOKEN_KEY or the key file), previous keys accepted during a rotation.
  const tokenKeys = loadMediaTokenKeys({ keyBase64: config.mediaTokenKey, previousBase64: config.mediaTokenPreviousKey, file: config.mediaTokenKeyFile });
  const viewing = new ViewingService({ views: new ViewSessionRepository(db), logbook, clock, profile, recording, cases, live, tokenKeys, masks });
  registerViewingRoutes(app, { viewing, policy });
  // Evidence exports (issue 8): from an allowed request; sealed, encrypted, logged (DOM-6, INV-3, INV-6).
  const exports = createExports({ db, config, logbook, clock, recording, requests: cases.requests, logger, masks });
  cases.deps.exports = exports.casePort;
  // Packages wait on the server for their download a limited time, then are deleted (logged with their hash).
  const exportExpiry = setInterval(() => void exports.expire().catch((err: unknown) => logger.error({ err }, 'export expiry failed')), 3_600_000);
  exportExpiry.unref();
  registerExportRoutes(app, { exports, policy });
  // Export jobs (issue 8 item 6): this process's worker; jobs of a crashed process are taken over when their lease ends.
  exports.jobs.start();
  // Redaction (issue 9): durable, leased analysis and render jobs; a dead process's job is taken over when its lease ends.
  const redaction = createRedaction({ db, config, logbook, clock, logger, recording, requests: cases.requests, exports, maskPolygons: masks.polygonsOf });
  registerRedactionRoutes(app, { redaction, policy });
  // Review and render: renders are leased jobs too (the package password sealed until the render ends); every process runs a worker.
  registerReviewRoutes(app, { redaction, policy });
  void redaction.render.resume().catch((err: unknown) => logger.error({ err }, 'redaction renders could not be resumed'));
  void redaction.analysis.resume().catch((err: unknown) => logger.error({ err }, 'redaction analyses could not be resumed'));
  registerDocsRoutes(app);
  registerWebUi(app, webRoot());

  return {
    app, config, database, logbook, users, auth, policy, profile, protocolVersions, metrics, register, cases, recording, exports, masks, redaction,
    async close() {
      shuttingDown = true;
      await redaction.stop();
      await live.stopAll();
      await recording.stop();
      protocolVersions.stop();
      cases.reminders.stop();
      clearInterval(exportExpiry);
      await exports.jobs.stop();
      mailer?.close();
      await logbook.stop();
      await database.close();
    },
  };
}

/** The built UI: dist/web at the package root, found from this file in both src/ (tests) and dist/ (built). */
export function webRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'dist', 'web');
}
