import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { loadConfig } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/logger.js';
import { createToezicht, type Toezicht } from '../../src/bin/app.js';
import { DEMO_PASSWORD, demoAccountsFor, seedDemo } from '../../src/bin/demo.js';
import type { Dialect } from '../../src/platform/db/database.js';
import { testOnvifDiscovery } from './network.js';
import { createTestDatabase } from './databases.js';

export interface TestServer {
  url: string;
  toezicht: Toezicht;
  demoUsers: { username: string; password: string; role: string }[];
  stop(): Promise<void>;
}

/** Boots the whole application with demo data on a free port, on a private database and data directory. */
export async function startTestServer(opts: { dialect?: Dialect; profile?: string } = {}): Promise<TestServer> {
  const database = await createTestDatabase(opts.dialect ?? 'sqlite');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-data-'));
  const config = loadConfig({}, { dataDir, port: 0, logLevel: 'silent', profile: opts.profile ?? 'domijn', onvifDiscovery: testOnvifDiscovery });
  const toezicht = await createToezicht({ config, database, logger: createLogger('silent') });
  await seedDemo(toezicht);
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: toezicht.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    toezicht,
    demoUsers: demoAccountsFor(toezicht).map((a) => ({ username: a.username, password: DEMO_PASSWORD, role: a.role })),
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await toezicht.close();
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
