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
    [['recorder', 'rotate-key', '--data', dataDir], /--new-key-file is required/],
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
  it('scans the store for orphans (exit 0 when clean, 1 with an orphan object, 0 after --fix) and rotates the master key', async () => {
    const clean = await run('recorder', 'scan', '--data', dataDir);
    expect(clean.code, clean.out).toBe(0);
    expect(clean.out).toMatch(/Objects without an index row: 0/);
    // An object no index row names, written two hours ago (past the one-hour grace period).
    const orphan = path.join(dataDir, 'footage', 'cam-9', '2026-03-01', 'orphan.seg');
    fs.mkdirSync(path.dirname(orphan), { recursive: true });
    fs.writeFileSync(orphan, 'ciphertext');
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    fs.utimesSync(orphan, twoHoursAgo, twoHoursAgo);
    const found = await run('recorder', 'scan', '--data', dataDir);
    expect(found.code, found.out).toBe(1);
    expect(found.out).toContain('cam-9/2026-03-01/orphan.seg');
    const fixed = await run('recorder', 'scan', '--fix', '--data', dataDir);
    expect(fixed.code, fixed.out).toBe(0);
    expect(fs.existsSync(orphan)).toBe(false);
    const newKey = path.join(dataDir, 'next-master.key');
    const rotate = await run('recorder', 'rotate-key', '--new-key-file', newKey, '--data', dataDir);
    expect(rotate.code, rotate.out + rotate.err.join('\n')).toBe(0);
    expect(rotate.out).toMatch(/Re-wrapped \d+ day key\(s\) under master key/);
    expect(fs.statSync(newKey).mode & 0o077).toBe(0);
  });
});
