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
import { declaredRoles, mfaRoles, profilePolicy, shippedProfile, StaticProfile, type ActiveProfile } from '../protocol/active-profile.js';
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
import { Metrics } from '../ops/metrics.js';
import { registerOpsRoutes } from '../ops/ops.routes.js';
import { requestLog } from '../ops/request-log.js';
import { registerDocsRoutes } from '../ops/docs.routes.js';
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
  metrics: Metrics;
  /** Marks the instance as stopping (readyz answers 503), writes the final checkpoint and closes the database. */
  close(): Promise<void>;
}

export interface ToezichtOptions {
  config: Config;
  database: Database;
  logger: Logger;
  clock?: Clock;
  /** Replaces the profile chosen by `config.profile` (tests, versioned profiles). */
  profile?: ActiveProfile;
}

/** The composition root: wires repositories, services and routes by hand (no container). */
export async function createToezicht(options: ToezichtOptions): Promise<Toezicht> {
  const { config, database, logger } = options;
  const clock = options.clock ?? systemClock;
  const profile = options.profile ?? new StaticProfile(shippedProfile(config.profile));
  const policy = profilePolicy(profile);
  const db = database.db;
  await migrateToLatest(db);

  fs.mkdirSync(config.dataDir, { recursive: true });
  const secrets = SecretBox.loadOrCreate(config.dataDir);
  const logbook = new Logbook(db, clock, CheckpointKey.loadOrCreate(config.dataDir));
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
  registerDashboardRoutes(app, { dashboard: new DashboardService(new DashboardRepository(db), policy, clock), policy });
  registerDocsRoutes(app);
  registerWebUi(app, webRoot());

  return {
    app, config, database, logbook, users, auth, policy, profile, metrics,
    async close() {
      shuttingDown = true;
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
