import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** The built command, as `npm run build` leaves it and as the README's commands run it. */
const bin = path.resolve('dist/src/bin/toezicht.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-bin-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function start(command: string, dir = dataDir): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  if (!fs.existsSync(bin)) throw new Error(`${bin} is missing: run 'npm run build' first (scripts/test.sh does)`);
  const child = spawn(process.execPath, [bin, command, '--port', '0', '--data', dir], { env: { ...process.env, TOEZICHT_LOG_LEVEL: 'warn' } });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const m = /runs at (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, output: () => output });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

const stop = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });

describe('the built toezicht command', () => {
  it('serve: first run prints a one-time admin password once; the server answers and stops cleanly on SIGTERM', async () => {
    const first = await start('serve');
    expect(first.output()).toMatch(/log in as 'admin' with the one-time password \S+/);
    const home = await fetch(first.url + '/');
    expect(home.status).toBe(200);
    expect(await home.text()).toMatch(/<html lang="nl"/);
    const openapi = (await (await fetch(first.url + '/api/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(openapi.openapi).toMatch(/^3\./);
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/users', '/api/logbook']));
    expect(await (await fetch(first.url + '/api/docs')).text()).toMatch(/swagger-ui-bundle\.js/);
    expect((await fetch(first.url + '/api/docs/swagger-ui-bundle.js')).status).toBe(200);
    expect(await (await fetch(first.url + '/metrics')).text()).toMatch(/toezicht_http_requests_total/);
    expect(await stop(first.child)).toBe(0);

    const second = await start('serve');
    expect(second.output()).not.toMatch(/one-time password/);
    expect(await stop(second.child)).toBe(0);

    // Shutdown wrote a signed checkpoint: verification counts it.
    const verify = spawnSync(process.execPath, [bin, 'logbook', 'verify', '--data', dataDir], { encoding: 'utf8' });
    expect(verify.status).toBe(0);
    expect(verify.stdout).toMatch(/intact/);
    expect(verify.stdout).not.toMatch(/\b0 checkpoints/);
  }, 60_000);

  it('demo: prints the demo logins, and a demo account can log in', async () => {
    const demoDir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-demo-'));
    try {
      const demo = await start('demo', demoDir);
      expect(demo.output()).toMatch(/Demo logins \(password for every account: (\S+)\)/);
      const password = /password for every account: (\S+)\)/.exec(demo.output())![1]!;
      expect(demo.output()).toMatch(/wijkbeheerder/);
      expect(await (await fetch(demo.url + '/login')).text()).toMatch(/<html lang="nl"/);
      const login = await fetch(demo.url + '/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'wijkbeheerder', password }),
      });
      expect(login.status).toBe(200);
      expect(await stop(demo.child)).toBe(0);
    } finally {
      fs.rmSync(demoDir, { recursive: true, force: true });
    }
  }, 60_000);
});
