import { describe, expect, it } from 'vitest';
import { domijn } from '../profiles/index.js';
import { diffProfiles, sameJson, type ProfileChange } from './profile-diff.js';

const cases: { name: string; before: unknown; after: unknown; changes: ProfileChange[] }[] = [
  { name: 'identical objects', before: { a: 1, b: { c: [1, 2] } }, after: { b: { c: [1, 2] }, a: 1 }, changes: [] },
  { name: 'a changed number', before: { retention: { limitDays: 28 } }, after: { retention: { limitDays: 14 } }, changes: [{ path: 'retention.limitDays', before: 28, after: 14 }] },
  { name: 'a member added', before: { a: 1 }, after: { a: 1, note: 'x' }, changes: [{ path: 'note', after: 'x' }] },
  { name: 'a member removed', before: { a: 1, note: 'x' }, after: { a: 1 }, changes: [{ path: 'note', before: 'x' }] },
  { name: 'null to a value', before: { at: null }, after: { at: '2026-02-01' }, changes: [{ path: 'at', before: null, after: '2026-02-01' }] },
  { name: 'a list of words compared whole', before: { roles: ['a', 'b'] }, after: { roles: ['a'] }, changes: [{ path: 'roles', before: ['a', 'b'], after: ['a'] }] },
  { name: 'the order of a list of words counts', before: { roles: ['a', 'b'] }, after: { roles: ['b', 'a'] }, changes: [{ path: 'roles', before: ['a', 'b'], after: ['b', 'a'] }] },
  {
    name: 'keyed elements are addressed by key, not position',
    before: { grants: [{ permission: 'view_live', roles: ['x'] }, { permission: 'export', roles: ['x'] }] },
    after: { grants: [{ permission: 'manage_profile', roles: ['y'] }, { permission: 'view_live', roles: ['x'] }, { permission: 'export', roles: [] }] },
    changes: [
      { path: 'grants.export.roles', before: ['x'], after: [] },
      { path: 'grants.manage_profile', after: { permission: 'manage_profile', roles: ['y'] } },
    ],
  },
  {
    name: 'a keyed element removed',
    before: { items: [{ id: 'a', n: 1 }, { id: 'b', n: 2 }] },
    after: { items: [{ id: 'b', n: 2 }] },
    changes: [{ path: 'items.a', before: { id: 'a', n: 1 } }],
  },
  {
    name: 'a key other than the first one (category)',
    before: { refused: [{ category: 'tenant', rules: ['DOM-5'] }] },
    after: { refused: [{ category: 'tenant', rules: ['DOM-5', 'X-6'] }] },
    changes: [{ path: 'refused.tenant.rules', before: ['DOM-5'], after: ['DOM-5', 'X-6'] }],
  },
  {
    name: 'unkeyed objects (duplicate keys) are compared whole',
    before: { list: [{ id: 'a' }, { id: 'a' }] },
    after: { list: [{ id: 'a' }] },
    changes: [{ path: 'list', before: [{ id: 'a' }, { id: 'a' }], after: [{ id: 'a' }] }],
  },
  {
    name: 'a discriminated value changing shape',
    before: { deadline: { kind: 'weeks', n: 2 } },
    after: { deadline: { kind: 'avg_default' } },
    changes: [
      { path: 'deadline.kind', before: 'weeks', after: 'avg_default' },
      { path: 'deadline.n', before: 2 },
    ],
  },
  { name: 'an object becoming null', before: { deadline: { kind: 'weeks' } }, after: { deadline: null }, changes: [{ path: 'deadline', before: { kind: 'weeks' }, after: null }] },
  { name: 'a key with a colon', before: { g: [{ permission: 'decide:access', roles: ['a'] }] }, after: { g: [{ permission: 'decide:access', roles: ['b'] }] }, changes: [{ path: 'g.decide:access.roles', before: ['a'], after: ['b'] }] },
];

describe('diffProfiles', () => {
  it.each(cases)('$name', ({ before, after, changes }) => {
    expect(diffProfiles(before, after)).toEqual(changes);
  });

  it('finds nothing between a shipped profile and its copy', () => {
    expect(diffProfiles(domijn, structuredClone(domijn))).toEqual([]);
  });

  it('names the paths a privacy officer edits in a real profile', () => {
    const edited = structuredClone(domijn) as typeof domijn & { requests: { access: { deadline: unknown } } };
    edited.retention.limitDays = 21;
    edited.requests.access.deadline = { kind: 'working_days', n: 10, rules: ['DOM-11'], source: 'protocol' };
    edited.grants = edited.grants.map((grant) => (grant.permission === 'view_live' ? { ...grant, roles: ['wijkbeheerder'] } : grant));
    expect(diffProfiles(domijn, edited).map((c) => c.path)).toEqual([
      'grants.view_live.roles',
      'retention.limitDays',
      'requests.access.deadline.kind',
      'requests.access.deadline.rules',
      'requests.access.deadline.source',
      'requests.access.deadline.note',
      'requests.access.deadline.n',
    ]);
  });
});

describe('sameJson', () => {
  it.each([
    [{ a: 1, b: 2 }, { b: 2, a: 1 }, true],
    [[1, 2], [2, 1], false],
    [{ a: undefined }, {}, true],
    [null, {}, false],
    ['1', 1, false],
  ])('%j vs %j → %s', (a, b, same) => {
    expect(sameJson(a, b)).toBe(same);
  });
});
