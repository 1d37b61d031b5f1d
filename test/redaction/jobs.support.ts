import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createToezicht, type Toezicht } from '../../src/bin/app.js';
import { loadConfig } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/logger.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { testOnvifDiscovery } from '../support/network.js';
import { recordScene } from './analysis.support.js';

/** The wijkbeheerder the job tests act as. */
export const jobActor = { id: 'u-wijk', name: 'wijkbeheerder-user', role: 'wijkbeheerder' } as const;

/** Polls `test` every 25 ms until it holds; fails after `timeoutMs`, naming `what`. */
export async function waitFor(what: string, test: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface JobsInstance {
  database: TestDatabase;
  dataDir: string;
  app: Toezicht;
  /** Worker processes a test started: killed when the instance is closed. */
  children: ChildProcess[];
  close(): Promise<void>;
}

/**
 * One Toezicht instance on a fresh database with `seconds` of recorded demo scene on cam-hal from
 * `anchorMs`; `idle` stops the job worker under test, so this instance takes no job until a test says so.
 */
export async function openJobsInstance(dialect: Parameters<typeof createTestDatabase>[0], o: { prefix: string; profile: string; anchorMs: number; seconds: number; idle: (app: Toezicht) => Promise<void> }): Promise<JobsInstance> {
  const database = await createTestDatabase(dialect);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), o.prefix));
  const config = loadConfig({}, { dataDir, logLevel: 'silent', profile: o.profile, onvifDiscovery: testOnvifDiscovery, exportJobLeaseSeconds: 2 });
  const app = await createToezicht({ config, database, logger: createLogger('silent') });
  await o.idle(app);
  await recordScene(app, 'cam-hal', { anchorMs: o.anchorMs, seconds: o.seconds });
  const children: ChildProcess[] = [];
  return {
    database, dataDir, app, children,
    async close() {
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
      await app.close();
      await database.drop().catch(() => undefined);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
