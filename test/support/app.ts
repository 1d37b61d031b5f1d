import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/logger.js';
import type { Clock } from '../../src/platform/clock.js';
import type { Dialect } from '../../src/platform/db/database.js';
import { createToezicht, type Toezicht } from '../../src/bin/app.js';
import type { Role } from '../../src/auth/roles.js';
import { externalRoles } from '../../src/auth/roles.js';
import { base32Decode, hotp, totp } from '../../src/auth/totp.js';
import { testOnvifDiscovery } from './network.js';
import { createTestDatabase, type TestDatabase } from './databases.js';

export const TEST_PASSWORD = 'test-Password-4711';

/** An in-process HTTP client with its own cookie jar and CSRF token, like one browser. */
export class Client {
  cookie = '';
  csrf = '';
  constructor(private readonly t: Toezicht, readonly ip = '198.51.100.7') {}

  async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const res = await this.t.app.request(url, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        'user-agent': 'toezicht-test',
        'x-forwarded-for': this.ip,
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!.replace(/^toezicht_session=$/, '');
    return res;
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});

  async login(username: string, password = TEST_PASSWORD): Promise<Response> {
    const res = await this.post('/api/auth/login', { username, password });
    if (res.ok) this.csrf = ((await res.clone().json()) as { csrfToken: string }).csrfToken;
    return res;
  }
}

export interface TestApp {
  toezicht: Toezicht;
  database: TestDatabase;
  client(ip?: string): Client;
  /** Creates an account with the role and returns a client logged in to the 'ok' stage (second factor enrolled where needed). */
  loginAs(role: Role, username?: string): Promise<Client>;
  close(): Promise<void>;
}

/** Boots the application in-process on a fresh database; the protocol profile defaults to Domijn. */
export async function createTestApp(dialect: Dialect, opts: { clock?: Clock; profile?: string } = {}): Promise<TestApp> {
  const database = await createTestDatabase(dialect);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-data-'));
  const config = loadConfig({}, { dataDir, logLevel: 'silent', profile: opts.profile ?? 'domijn', onvifDiscovery: testOnvifDiscovery });
  const toezicht = await createToezicht({ config, database, logger: createLogger('silent'), clock: opts.clock });
  const now = () => (opts.clock ?? { now: () => new Date() }).now();
  const sessions = new Map<string, Client>();
  const secrets = new Map<string, { secret: string; lastStep: number }>();
  return {
    toezicht,
    database,
    client: (ip) => new Client(toezicht, ip),
    async loginAs(role, username = `${role.replace(/_/g, '-')}-user`) {
      const external = externalRoles.includes(role);
      if (!(await toezicht.users.findByUsername(username))) {
        await toezicht.users.create(
          {
            username, displayName: `Test ${role}`, role, kind: external ? 'external' : 'internal',
            expiresAt: external ? new Date(now().getTime() + 30 * 86_400_000).toISOString() : null, password: TEST_PASSWORD,
          },
          { id: null, name: 'test', role: null },
        );
      }
      const cached = sessions.get(username);
      if (cached && (await cached.get('/api/auth/me')).status === 200) return cached;
      const c = new Client(toezicht);
      const res = await c.login(username);
      if (!res.ok) throw new Error(`login as ${username} failed: ${res.status} ${await res.text()}`);
      let { stage } = (await res.json()) as { stage: string };
      if (stage === 'totp_enrolment_required') {
        const { secret } = (await (await c.post('/api/auth/totp/enrol')).json()) as { secret: string };
        const confirm = await c.post('/api/auth/totp/confirm', { code: totp(base32Decode(secret), now()) });
        stage = ((await confirm.json()) as { stage: string }).stage;
        secrets.set(username, { secret, lastStep: Math.floor(now().getTime() / 30_000) });
      } else if (stage === 'totp_required' && secrets.has(username)) {
        // A code is accepted once: use the next unused step within the allowed drift.
        const known = secrets.get(username)!;
        const step = Math.max(Math.floor(now().getTime() / 30_000) - 1, known.lastStep + 1);
        known.lastStep = step;
        stage = ((await (await c.post('/api/auth/totp', { code: hotp(base32Decode(known.secret), step) })).json()) as { stage: string }).stage;
      }
      if (stage !== 'ok') throw new Error(`login as ${username} ended in stage ${stage}`);
      sessions.set(username, c);
      return c;
    },
    async close() {
      await toezicht.close();
      await database.drop().catch(() => undefined);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
