import crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildChain, checkpointAt, relink } from '../../test/logbook/chain.fixture.js';
import { CheckpointKey } from './checkpoint-key.js';
import {
  canonicalJson,
  ChainVerifier,
  entryHash,
  GENESIS_HASH,
  storedEntryHash,
  verifyChain,
  type StoredCheckpoint,
  type StoredEntry,
} from './logbook.js';
import { toLogbookEntry, withoutSecrets } from './logbook.entry.js';

const key = CheckpointKey.generate();
const otherKey = CheckpointKey.generate();
const keys = key.publicKeys;

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ z: { y: [3, { d: 1, c: 2 }], x: null } }, '{"z":{"x":null,"y":[3,{"c":2,"d":1}]}}'],
    [{ a: undefined, b: 'x' }, '{"b":"x"}'],
    [[undefined, 1], '[null,1]'],
    [{ 'é': 'ü\n"' }, '{"é":"ü\\n\\""}'],
    [{ at: new Date('2026-01-05T09:00:00Z') }, '{"at":"2026-01-05T09:00:00.000Z"}'],
    [{ n: 1.5, m: -0, t: true }, '{"m":0,"n":1.5,"t":true}'],
    ['text', '"text"'],
    [null, 'null'],
  ])('%j → %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it.each([[NaN], [Infinity], [10n], [{ f: Symbol('s') }]])('refuses %s', (value) => {
    expect(() => canonicalJson(value)).toThrow(TypeError);
  });

  it('does not depend on key order and round-trips through JSON.parse', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });
});

describe('entryHash', () => {
  const fields = {
    seq: 1, at: '2026-01-05T09:00:00.000Z', actor_id: 'u1', actor_name: 'jan', actor_role: 'beheerder',
    action: 'footage.view', subject: { cameras: ['cam-1'] }, reason: 'incident', case_ref: 'INC-1', ip: null,
  };

  it('is SHA-256 of prev_hash followed by the canonical JSON of the fields', () => {
    const text = '{"action":"footage.view","actor_id":"u1","actor_name":"jan","actor_role":"beheerder","at":"2026-01-05T09:00:00.000Z","case_ref":"INC-1","ip":null,"reason":"incident","seq":1,"subject":{"cameras":["cam-1"]}}';
    expect(entryHash(GENESIS_HASH, fields)).toBe(crypto.createHash('sha256').update(GENESIS_HASH + text).digest('hex'));
    expect(GENESIS_HASH).toMatch(/^0{64}$/);
  });

  it('the verifier fast path (stored subject text) agrees with the definition', () => {
    const nullable = fc.option(fc.string(), { nil: null });
    fc.assert(
      fc.property(
        fc.record({
          seq: fc.nat(), at: fc.string(), actor_id: nullable, actor_name: fc.string(), actor_role: nullable, action: fc.string(),
          subject: fc.dictionary(fc.string(), fc.jsonValue()), reason: nullable, case_ref: nullable, ip: nullable,
        }),
        (f) => {
          expect(storedEntryHash(GENESIS_HASH, { ...f, subject: canonicalJson(f.subject) })).toBe(entryHash(GENESIS_HASH, f));
        },
      ),
    );
  });
});

type Tamper = (entries: StoredEntry[], checkpoints: StoredCheckpoint[]) => void;
const at = (entries: StoredEntry[], seq: number) => entries.find((e) => e.seq === seq)!;

describe('verifyChain', () => {
  it('accepts an intact chain with checkpoints', () => {
    const entries = buildChain(10);
    const result = verifyChain(entries, [checkpointAt(key, entries, 4), checkpointAt(key, entries, 10)], keys);
    expect(result).toEqual({ ok: true, entries: 10, headSeq: 10, headHash: entries[9]!.hash, checkpoints: 2 });
  });

  it('accepts the empty logboek', () => {
    expect(verifyChain([], [], keys)).toMatchObject({ ok: true, entries: 0, headSeq: 0 });
  });

  const cases: [string, Tamper, number, RegExp][] = [
    ['changed at', (e) => (at(e, 3).at = '2026-01-05T09:00:04.000Z'), 3, /#3 was modified/],
    ['changed actor_id', (e) => (at(e, 4).actor_id = 'user-9'), 4, /#4 was modified/],
    ['changed actor_name', (e) => (at(e, 4).actor_name = 'iemand anders'), 4, /modified/],
    ['changed actor_role', (e) => (at(e, 4).actor_role = null), 4, /modified/],
    ['changed action', (e) => (at(e, 5).action = 'auth.logout'), 5, /modified/],
    ['changed subject', (e) => (at(e, 6).subject = '{"cameras":["cam-2"]}'), 6, /contents do not match/],
    ['subject re-spaced, same meaning', (e) => (at(e, 6).subject = at(e, 6).subject.replace(':', ': ')), 6, /not in the form/],
    ['subject not JSON', (e) => (at(e, 6).subject = '{'), 6, /not valid JSON/],
    ['changed reason', (e) => (at(e, 2).reason = 'no reason'), 2, /modified/],
    ['changed case_ref', (e) => (at(e, 2).case_ref = null), 2, /modified/],
    ['changed ip', (e) => (at(e, 1).ip = '10.9.9.9'), 1, /modified/],
    ['changed hash', (e) => (at(e, 7).hash = 'f'.repeat(64)), 7, /modified/],
    ['changed prev_hash', (e) => (at(e, 7).prev_hash = 'f'.repeat(64)), 7, /does not link to entry #6/],
    ['deleted entry', (e) => e.splice(4, 1), 5, /#5 is missing/],
    ['deleted first entry', (e) => e.splice(0, 1), 1, /#1 is missing/],
    ['renumbered entry', (e) => (at(e, 5).seq = 50), 5, /#5 is missing/],
    ['swapped two entries', (e) => ([e[2], e[6]] = [e[6]!, e[2]!]), 3, /#3 is missing: the chain jumps from #2 to #7/],
    ['swapped seq numbers', (e) => { const [a, b] = [at(e, 3), at(e, 7)]; [a.seq, b.seq] = [7, 3]; e.sort((x, y) => x.seq - y.seq); }, 3, /does not link/],
    ['duplicated entry', (e) => e.splice(3, 0, { ...e[2]! }), 4, /#3 appears where #4 belongs/],
    ['forged entry inserted, rest renumbered', (e) => {
      const forged = { ...e[3]!, action: 'forged' };
      e.splice(3, 0, forged);
      e.forEach((x, i) => (x.seq = i + 1));
      relink(e.slice(0, 4), 3);
    }, 4, /#4 differs from checkpoint #4/],
    ['chain rewritten from #3 with fresh hashes', (e) => { at(e, 3).reason = 'rewritten'; relink(e, 2); }, 4, /differs from checkpoint #4/],
    ['tail cut off', (e) => e.splice(7), 8, /ends at #7 but checkpoint #10 .* #8\.\.#10 were removed/],
    ['everything deleted', (e) => e.splice(0), 1, /ends at #0/],
    ['checkpoint signature altered', (_e, c) => (c[0]!.signature = otherKey.sign(c[0]!.seq, c[0]!.hash)), 4, /#4 .* invalid signature/],
    ['checkpoint moved', (e, c) => { c[0]!.seq = 5; c[0]!.hash = at(e, 5).hash; }, 5, /invalid signature/],
    ['checkpoint signed by unknown key', (e, c) => (c[0] = checkpointAt(otherKey, e, 4)), 4, /unknown key/],
    ['forged checkpoint beyond the head', (_e, c) => c.push({ ...c[1]!, seq: 12 }), 12, /invalid signature/],
    ['checkpoint before the first entry', (_e, c) => c.push({ ...c[0]!, seq: 0, signature: key.sign(0, c[0]!.hash) }), 0, /outside the chain/],
  ];

  it.each(cases)('detects: %s', (_name, tamper, seq, message) => {
    const entries = buildChain(10);
    const checkpoints = [checkpointAt(key, entries, 4), checkpointAt(key, entries, 10)];
    expect(verifyChain(entries, checkpoints, keys).ok).toBe(true);
    tamper(entries, checkpoints);
    const result = verifyChain(entries, checkpoints, keys);
    expect(result).toMatchObject({ ok: false, seq });
    if (!result.ok) expect(result.problem).toMatch(message);
  });

  it('cannot see a tail cut off after the last checkpoint (the window the checkpoint interval bounds)', () => {
    const entries = buildChain(10);
    expect(verifyChain(entries.slice(0, 6), [checkpointAt(key, entries, 4)], keys)).toMatchObject({ ok: true, headSeq: 6 });
  });
});

describe('ChainVerifier', () => {
  it('is fed one entry at a time and stops at the first problem', () => {
    const entries = buildChain(6);
    entries[1]!.reason = 'changed';
    entries[4]!.reason = 'changed too';
    const verifier = new ChainVerifier([], keys);
    expect(entries.map((e) => verifier.push(e))).toEqual([true, false, false, false, false, false]);
    expect(verifier.finish()).toMatchObject({ ok: false, seq: 2, entries: 1 });
  });
});

describe('toLogbookEntry', () => {
  it('maps a row to camelCase and shows a damaged subject instead of failing', () => {
    const [row] = buildChain(1);
    expect(toLogbookEntry(row!)).toMatchObject({ seq: 1, actorName: row!.actor_name, caseRef: row!.case_ref, prevHash: GENESIS_HASH, subject: JSON.parse(row!.subject) });
    expect(toLogbookEntry({ ...row!, subject: '{broken' }).subject).toEqual({ unreadable: '{broken' });
    expect(toLogbookEntry({ ...row!, subject: '[1]' }).subject).toEqual({ unreadable: '[1]' });
  });
});

describe('withoutSecrets', () => {
  it.each([
    [{ username: 'jan', password: 'x' }, { username: 'jan' }],
    [{ user: { newPassword: 'x', totpCode: '123456', csrfToken: 't', apiSecret: 's', id: 1 } }, { user: { id: 1 } }],
    [{ code: '123456', recoveryCode: 'r', postcode: '1234AB', errorCode: 'E1' }, { postcode: '1234AB', errorCode: 'E1' }],
    [{ list: [{ token: 'a', camera: 'cam-1' }] }, { list: [{ camera: 'cam-1' }] }],
    [JSON.parse('{"__proto__":{"a":1}}'), JSON.parse('{"__proto__":{"a":1}}')],
  ])('%j → %j', (input, expected) => {
    expect(withoutSecrets(input)).toEqual(expected);
  });
});
