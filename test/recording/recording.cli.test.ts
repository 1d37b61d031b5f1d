import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/bin/cli.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-cli-rec-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, (l) => out.push(l), (l) => err.push(l));
  return { code, out: out.join('\n'), err };
}

describe('toezicht hold / recorder / retention', () => {
  it.each([[['hold', '--help']], [['recorder', '--help']], [['retention', '--help']], [['hold', 'add', '--help']]])('prints help for %j', async (argv) => {
    const r = await run(...argv);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage/m);
  });

  it.each([
    [['hold', 'add', '--camera', 'c1', '--from', '2026-03-02T21:00:00Z', '--to', '2026-03-02T22:00:00Z', '--data', dataDir], /--reason is required/],
    [['hold', 'add', '--camera', 'c1', '--from', 'gisteren', '--to', '2026-03-02T22:00:00Z', '--reason', 'x', '--data', dataDir], /date-time \(from\)/],
    [['hold', 'release', '--data', dataDir], /missing argument/],
    [['hold', 'shred'], /unknown hold command/],
    [['recorder', 'restart'], /unknown recorder command/],
  ])('wrong arguments %j: one line, exit 2', async (argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(message);
  });

  it('places, lists and releases a hold; shows status; runs a sweep — all in the logboek', async () => {
    const add = await run('hold', 'add', '--camera', 'cam-1', '--camera', 'cam-2', '--from', '2026-03-02T21:00:00Z', '--to', '2026-03-02T22:00:00Z', '--reason', 'Vernieling', '--case', 'INC-1', '--data', dataDir);
    expect(add.code).toBe(0);
    const id = /Hold ([0-9a-f-]{36}) placed/.exec(add.out)![1]!;
    expect((await run('hold', 'list', '--data', dataDir)).out).toContain(`${id}  cam-1,cam-2  2026-03-02T21:00:00.000Z → 2026-03-02T22:00:00.000Z  manual INC-1  active  "Vernieling"`);
    expect((await run('hold', 'release', id, '--reason', 'Afgehandeld', '--data', dataDir)).code).toBe(0);
    expect((await run('hold', 'list', '--data', dataDir)).out).toBe('No active holds.');
    expect((await run('hold', 'list', '--all', '--data', dataDir)).out).toContain('released');
    const status = await run('recorder', 'status', '--data', dataDir);
    expect(status.out).toMatch(/Footage store: local/);
    expect(JSON.parse((await run('recorder', 'status', '--json', '--data', dataDir)).out)).toMatchObject({ cameras: [], alerts: [] });
    expect((await run('retention', 'sweep', '--data', dataDir)).out).toMatch(/^Sweep at .*: 0 segment\(s\) deleted/);
    const verify = await run('logbook', 'verify', '--data', dataDir);
    expect(verify.code).toBe(0);
  });
});
