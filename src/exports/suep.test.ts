import { describe, expect, it } from 'vitest';
import { findSuep, parseSuep, suepBox, suepMetaBox, type SurveillanceExport } from './suep.js';

/** The ONVIF SurveillanceExportBox (suep v1 in a file-level meta box): written, then parsed back. */
const unit: SurveillanceExport = {
  exportUnitName: 'Toezicht', exportUnitUrl: '', exportUnitMac: '', exportTime: new Date('2026-11-22T20:15:42Z'), operator: 'wijkbeheerder-user',
  tracks: [{ trackId: 1, sourceName: 'Entree Hoofdingang — ’s-Hertogenbosch', sourceUrl: '', sourceMac: '', sourceLine: 'cam-a' }],
};
const box = (type: string, body: Buffer) => {
  const h = Buffer.alloc(8);
  h.writeUInt32BE(8 + body.length);
  h.write(type, 4, 'latin1');
  return Buffer.concat([h, body]);
};

describe('suep box', () => {
  it('has the ONVIF layout byte for byte', () => {
    const b = suepBox({ exportUnitName: 'T', exportUnitUrl: '', exportUnitMac: '', exportTime: new Date(Date.UTC(1904, 0, 1) + 5_000), operator: 'op', tracks: [{ trackId: 7, sourceName: 'c', sourceUrl: '', sourceMac: '', sourceLine: '' }] });
    expect(b.toString('hex')).toBe([
      '00000026', Buffer.from('suep').toString('hex'), '01000000', // size 38, type, version 1, flags 0
      '5400', '00', '00', // ExportUnitName "T", URL "", MAC ""
      '0000000000000005', // ExportUnitTime: 5 s after 1904-01-01
      '6f7000', // ExportOperator "op"
      '00000001', '0007', '6300', '00', '00', '00', // entry_count 1, TrackID 7, SourceName "c", URL, MAC, Line
    ].join(''));
  });

  it('parses back what it wrote (UTF-8 names, seconds since 1904)', () => {
    const meta = suepMetaBox(unit);
    expect(meta.toString('latin1', 4, 8)).toBe('meta');
    expect(meta.toString('latin1', 16, 20)).toBe('hdlr');
    const b = suepBox(unit);
    expect(parseSuep(b.subarray(8))).toEqual(unit);
    expect(findSuep(meta)).toEqual(unit);
  });

  it('is found among the top-level boxes of a file (also after a 64-bit sized box) and absent when missing', () => {
    const ftyp = box('ftyp', Buffer.from('isom\0\0\x02\0isomiso2', 'latin1'));
    const mdat = box('mdat', Buffer.alloc(100, 7));
    const large = Buffer.concat([Buffer.from([0, 0, 0, 1]), Buffer.from('mdat'), (() => { const n = Buffer.alloc(8); n.writeBigUInt64BE(BigInt(16 + 50)); return n; })(), Buffer.alloc(50, 1)]);
    const seal = box('uuid', Buffer.alloc(40));
    expect(findSuep(Buffer.concat([ftyp, mdat, large, suepMetaBox(unit), seal]))).toEqual(unit);
    expect(findSuep(Buffer.concat([ftyp, mdat, seal]))).toBeNull();
    expect(findSuep(Buffer.concat([ftyp, box('meta', Buffer.alloc(4))]))).toBeNull();
  });

  it('refuses malformed boxes with a reason', () => {
    const body = suepBox(unit).subarray(8);
    const cases: [Buffer, RegExp][] = [
      [Buffer.concat([Buffer.from([0]), body.subarray(1)]), /version 0/],
      [body.subarray(0, 20), /truncated|not terminated/],
      [Buffer.concat([body, Buffer.from([1])]), /trailing/],
      [Buffer.from([1, 0, 0, 0, 0x41, 0x42]), /not terminated/],
    ];
    for (const [bytes, message] of cases) expect(() => parseSuep(bytes)).toThrow(message);
    expect(() => suepBox({ ...unit, tracks: [{ ...unit.tracks[0]!, trackId: 0 }] })).toThrow(/track id/);
  });
});
