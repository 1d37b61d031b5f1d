import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { domijn } from './profiles/index.js';
import { parseTimestamp, runDeadline, runProfiles, runProfileShow, runProfileValidate } from './protocol.cli.js';

function capture() {
  const lines: string[] = [];
  return { lines, out: (line: string) => lines.push(line) };
}

const dir = mkdtempSync(join(tmpdir(), 'toezicht-protocol-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('toezicht profiles / profile show', () => {
  it('lists the five profiles with their titles', () => {
    const { lines, out } = capture();
    expect(runProfiles(out)).toBe(0);
    expect(lines.map((line) => line.split('\t')[0])).toEqual(['domijn', 'welwonen', 'mozaiek', 'soest', 'wooncompas']);
    expect(lines[3]).toContain('Regeling cameratoezicht gemeentehuis Soest');
  });

  it('shows a profile as JSON', () => {
    const { lines, out } = capture();
    expect(runProfileShow('soest', out)).toBe(0);
    expect(JSON.parse(lines.join('\n'))).toMatchObject({ id: 'soest', version: { effectiveFrom: '2025-08-02' } });
  });

  it('exits 2 with one line for an unknown profile', () => {
    const { lines, out } = capture();
    expect(runProfileShow('nope', out)).toBe(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("unknown profile 'nope'");
  });
});

describe('toezicht profile validate', () => {
  it('accepts a shipped profile written as JSON', () => {
    const file = join(dir, 'domijn.json');
    writeFileSync(file, JSON.stringify(domijn));
    const { lines, out } = capture();
    expect(runProfileValidate(file, out)).toBe(0);
    expect(lines[0]).toMatch(/^valid: domijn/);
  });

  it('rejects an invalid profile and names each field (exit 1)', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, JSON.stringify({ ...domijn, retention: { ...domijn.retention, limitDays: -1 }, grants: domijn.grants.slice(1) }));
    const { lines, out } = capture();
    expect(runProfileValidate(file, out)).toBe(1);
    expect(lines.some((line) => line.startsWith('invalid: retention.limitDays:'))).toBe(true);
  });

  it('exits 2 for a missing file or bad JSON', () => {
    const { lines, out } = capture();
    expect(runProfileValidate(join(dir, 'missing.json'), out)).toBe(2);
    writeFileSync(join(dir, 'bad.json'), '{ not json');
    expect(runProfileValidate(join(dir, 'bad.json'), out)).toBe(2);
    expect(lines).toHaveLength(2);
  });
});

describe('toezicht deadline', () => {
  it('prints one JSON object with due, rule and steps', () => {
    const { lines, out } = capture();
    expect(runDeadline({ profile: 'mozaiek', kind: 'access', received: '2026-04-02T08:00:00Z' }, out)).toBe(0);
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0] ?? '');
    expect(result).toMatchObject({ allowed: true, due: '2026-04-10', rule: 'MOZ-4.4' });
    expect(result.steps.join(' ')).toContain('Easter Monday');
  });

  it('uses the AVG default where the protocol sets nothing (AVG-12.3)', () => {
    const { lines, out } = capture();
    expect(runDeadline({ profile: 'wooncompas', kind: 'access', received: '2026-01-30T23:30:00Z' }, out)).toBe(0);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ due: '2026-03-02', rule: 'AVG-12.3', received: '2026-01-31' });
  });

  it('prints {"allowed":false,"rule":…} and exits 0 for a kind the profile forbids', () => {
    const { lines, out } = capture();
    expect(runDeadline({ profile: 'domijn', kind: 'third-party', received: '2026-01-05T10:00:00Z' }, out)).toBe(0);
    expect(lines).toEqual(['{"allowed":false,"rule":"DOM-5"}']);
  });

  it('prints due null for a police request (the vordering sets its date)', () => {
    const { lines, out } = capture();
    expect(runDeadline({ profile: 'soest', kind: 'police', received: '2026-01-05T10:00:00+01:00' }, out)).toBe(0);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ allowed: true, due: null, rule: 'SOE-9' });
  });

  it.each([
    [{ profile: 'nope', kind: 'access', received: '2026-01-05T10:00:00Z' }, "unknown profile 'nope'"],
    [{ profile: 'domijn', kind: 'complaint', received: '2026-01-05T10:00:00Z' }, "unknown kind 'complaint'"],
    [{ profile: 'domijn', kind: 'access', received: '2026-01-05' }, 'bad timestamp'],
    [{ profile: 'domijn', kind: 'access', received: '2026-01-05T10:00:00' }, 'bad timestamp'],
    [{ profile: 'domijn', kind: 'access', received: '2026-02-30T10:00:00Z' }, 'bad timestamp'],
    [{ profile: 'domijn', kind: 'access', received: 'yesterday' }, 'bad timestamp'],
  ])('exits 2 with one line for %o', (args, message) => {
    const lines: string[] = [];
    const errors: string[] = [];
    expect(runDeadline(args, (line) => lines.push(line), (line) => errors.push(line))).toBe(2);
    expect(lines).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
  });
});

describe('parseTimestamp', () => {
  it('accepts UTC and offsets, with or without seconds and milliseconds', () => {
    expect(parseTimestamp('2026-01-30T23:30Z')?.toISOString()).toBe('2026-01-30T23:30:00.000Z');
    expect(parseTimestamp('2026-01-31T00:30:00.250+01:00')?.toISOString()).toBe('2026-01-30T23:30:00.250Z');
  });
});
