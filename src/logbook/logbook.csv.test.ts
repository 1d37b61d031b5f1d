import { describe, expect, it } from 'vitest';
import { csvCell, entriesToCsv } from './logbook.csv.js';
import type { LogbookEntry } from './logbook.entry.js';

describe('csvCell', () => {
  it.each([
    ['plain', 'plain'],
    [null, ''],
    [42, '42'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+31 6 1234', "'+31 6 1234"],
    ['-1+1', "'-1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['a=b', 'a=b'],
  ])('%j → %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe('entriesToCsv', () => {
  const entry: LogbookEntry = {
    seq: 7, at: '2026-01-05T09:00:00.000Z', actorId: 'u1', actorName: 'Jan, de Vries', actorRole: 'beheerder',
    action: 'footage.view', subject: { to: 'b', cameras: ['cam-1'] }, reason: '=cmd', caseRef: null, ip: null,
    prevHash: 'a'.repeat(64), hash: 'b'.repeat(64),
  };

  it('writes a header row and one CRLF-terminated row per entry', () => {
    expect(entriesToCsv([entry]).split('\r\n')).toEqual([
      'seq,at,actor_id,actor_name,actor_role,action,subject,reason,case_ref,ip,prev_hash,hash',
      `7,2026-01-05T09:00:00.000Z,u1,"Jan, de Vries",beheerder,footage.view,"{""cameras"":[""cam-1""],""to"":""b""}",'=cmd,,,${'a'.repeat(64)},${'b'.repeat(64)}`,
      '',
    ]);
  });

  it('writes only the header for no entries', () => {
    expect(entriesToCsv([])).toBe('seq,at,actor_id,actor_name,actor_role,action,subject,reason,case_ref,ip,prev_hash,hash\r\n');
  });
});
