import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderIdOf, RenderWorkDirs } from './work-dirs.js';

const id = (n: number) => `0000000${n}-1111-4222-8333-444444444444`;
const now = new Date('2026-11-23T10:00:00.000Z');
const later = '2026-11-23T10:00:30.000Z';
const earlier = '2026-11-23T09:59:30.000Z';

describe('RenderWorkDirs: a leftover work folder is removed only when no live render owns it', () => {
  let root = '';
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it.each([
    { why: 'running, lease live (another instance renders it)', lease: { state: 'running', until: later }, removed: false },
    { why: 'running, lease ran out (its process died)', lease: { state: 'running', until: earlier }, removed: true },
    { why: 'running, no lease (handed back)', lease: { state: 'running', until: null }, removed: true },
    { why: 'done (killed after its export committed)', lease: { state: 'done', until: null }, removed: true },
    { why: 'cancelled', lease: { state: 'cancelled', until: null }, removed: true },
    { why: 'failed', lease: { state: 'failed', until: null }, removed: true },
    { why: 'unknown to this database (another installation)', lease: undefined, removed: false },
  ])('$why → removed $removed', async ({ lease, removed }) => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-workdirs-test-'));
    const dirs = new RenderWorkDirs(root, async () => lease);
    const dir = await dirs.create(id(1));
    fs.writeFileSync(path.join(dir, 'redacted.mp4'), 'x');
    expect((await fs.promises.stat(dir)).mode & 0o777).toBe(0o700);
    fs.mkdirSync(path.join(root, 'toezicht-redaction-abcdef')); // an old-style name: no render id, never touched
    fs.mkdirSync(path.join(root, 'something-else'));
    expect(await dirs.removeLeftovers(now)).toEqual(removed ? [path.basename(dir)] : []);
    expect(fs.existsSync(dir)).toBe(!removed);
    expect(fs.readdirSync(root).sort()).toEqual([...(removed ? [] : [path.basename(dir)]), 'something-else', 'toezicht-redaction-abcdef'].sort());
  });

  it('a render taken over gets a fresh folder; its earlier attempts\' folders go, other renders\' stay', async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-workdirs-test-'));
    const dirs = new RenderWorkDirs(root, async () => ({ state: 'running', until: later }));
    const first = await dirs.create(id(1));
    const other = await dirs.create(id(2));
    const again = await dirs.create(id(1));
    expect(again).not.toBe(first);
    expect(fs.existsSync(first)).toBe(false);
    expect(fs.existsSync(again)).toBe(true);
    expect(fs.existsSync(other)).toBe(true);
  });

  it.each([
    { name: `toezicht-redaction-${id(3)}-Ab12Cd`, renderId: id(3) },
    { name: 'toezicht-redaction-Ab12Cd', renderId: null },
    { name: `toezicht-redaction-${id(3)}`, renderId: null },
    { name: `other-${id(3)}-Ab12Cd`, renderId: null },
  ])('renderIdOf($name) → $renderId', ({ name, renderId }) => {
    expect(renderIdOf(name)).toBe(renderId);
  });
});
