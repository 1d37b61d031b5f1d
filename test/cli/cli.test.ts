import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/bin/cli.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-cli-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, (l) => out.push(l), (l) => err.push(l));
  return { code, out: out.join('\n'), err };
}

describe('toezicht command line', () => {
  it.each([[[]], [['--help']], [['serve', '--help']], [['demo', '--help']], [['migrate', '--help']], [['user', '--help']], [['user', 'add', '--help']], [['logbook', '--help']], [['logbook', 'verify', '--help']]])(
    'prints help for %j',
    async (argv) => {
      const r = await run(...argv);
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/^Usage/m);
    },
  );

  it.each([
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['serve', '--port', 'abc'], /--port must be a number/],
    [['serve', '--bogus'], /Unknown option '--bogus'/],
    [['migrate', 'extra'], /unexpected argument 'extra'/],
    [['user', 'add', 'jan', '--data', dataDir], /--role is required/],
    [['user', 'add', 'jan', '--role', 'koning', '--data', dataDir], /unknown role 'koning'/],
    [['user', 'explode'], /unknown user command/],
    [['logbook', 'rewrite'], /unknown logbook command/],
  ])('wrong arguments %j give one line and exit code 2', async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(message);
  });

  it('reports bad configuration by variable name with exit code 2', async () => {
    process.env.DATABASE_URL = 'mysql://nope';
    try {
      const r = await run('migrate', '--data', dataDir);
      expect(r.code).toBe(2);
      expect(r.err.join('\n')).toMatch(/DATABASE_URL: must be empty \(embedded SQLite\) or a postgres:\/\/ URL/);
    } finally {
      delete process.env.DATABASE_URL;
    }
  });

  it('migrates, seeds demo data, manages users and verifies the logboek', async () => {
    expect((await run('migrate', '--data', dataDir)).out).toMatch(/Applied \d+ migration\(s\): 0001_accounts, 0002_logbook/);
    expect((await run('migrate', '--data', dataDir)).out).toMatch(/up to date/);
    const seeded = await run('demo', '--seed-only', '--data', dataDir);
    expect(seeded.code).toBe(0);
    expect(seeded.out).toMatch(/wijkbeheerder/);
    const added = await run('user', 'add', 'jan.jansen', '--role', 'police', '--name', 'Jan Jansen', '--external', '--expires', '2099-01-01', '--organisation', 'Politie', '--data', dataDir);
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/One-time password, shown once: \S{23}/);
    const internalPolice = await run('user', 'add', 'piet', '--role', 'police', '--data', dataDir);
    expect(internalPolice.code).toBe(2);
    expect(internalPolice.err[0]).toMatch(/external/);
    expect((await run('user', 'passwd', 'jan.jansen', '--data', dataDir)).out).toMatch(/New one-time password/);
    expect((await run('user', 'disable', 'jan.jansen', '--data', dataDir)).code).toBe(0);
    expect((await run('user', 'disable', 'nobody', '--data', dataDir)).code).toBe(2);
    expect((await run('profiles')).out).toMatch(/soest/);
    expect((await run('profile', 'show', 'wooncompas')).out).toMatch(/"id": ?"wooncompas"/);
    expect((await run('profile', 'show', 'nope')).code).toBe(2);
    const due = await run('deadline', '--profile', 'mozaiek', '--kind', 'access', '--received', '2026-04-24T21:30:00Z');
    expect(JSON.parse(due.out)).toMatchObject({ due: '2026-05-04', rule: 'MOZ-4.4' }); // King's Day 27 April and 1–3 May skipped
    expect(JSON.parse((await run('deadline', '--profile', 'domijn', '--kind', 'third-party', '--received', '2026-04-24T10:00:00Z')).out)).toEqual({ allowed: false, rule: 'DOM-5' });
    expect((await run('deadline', '--profile', 'domijn', '--kind', 'access')).code).toBe(2);
    const verified = await run('logbook', 'verify', '--data', dataDir);
    expect(verified.code).toBe(0);
    expect(verified.out.split('\n')).toHaveLength(1);
    expect(verified.out).toMatch(/intact/);
  }, 60_000);
});
