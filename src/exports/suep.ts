/**
 * The ONVIF Export File Format's SurveillanceExportBox (`suep`, version 1), in a file-level `meta`
 * box (ONVIF doc/ExportFileFormat.xml, "Required Side Information"; ISO/IEC 14496-12 boxes):
 *
 *   meta (FullBox v0)
 *     hdlr (FullBox v0: pre_defined 0, handler_type 'null', reserved ×3, name "Toezicht export\0")
 *     suep (FullBox v1): ExportUnitName, ExportUnitURL, ExportUnitMAC (UTF-8, NUL-terminated),
 *                        ExportUnitTime (UInt64, seconds since 1904-01-01 UTC, as in ISO/IEC 14496-12),
 *                        ExportOperator, entry_count (UInt32), then per track: TrackID (UInt16),
 *                        SourceName, SourceURL, SourceMAC, SourceLine.
 *
 * Toezicht appends it after the media (top-level boxes may come in any order; the format only
 * recommends "as early as possible", which a streamed file cannot do) and before its own seal, so
 * the seal covers it. Not applicable strings are empty (only the NUL). Pure; no I/O.
 */

export interface SurveillanceExport {
  exportUnitName: string;
  exportUnitUrl: string;
  exportUnitMac: string;
  /** When the export was started (whole seconds are kept). */
  exportTime: Date;
  operator: string;
  tracks: { trackId: number; sourceName: string; sourceUrl: string; sourceMac: string; sourceLine: string }[];
}

const isoEpochMs = Date.UTC(1904, 0, 1);

function box(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
}

const fullBoxHeader = (version: number, flags = 0) => Buffer.from([version, (flags >> 16) & 0xff, (flags >> 8) & 0xff, flags & 0xff]);
const cstring = (s: string) => Buffer.concat([Buffer.from(s.replace(/\0/g, ''), 'utf8'), Buffer.from([0])]);

export function suepBox(s: SurveillanceExport): Buffer {
  const time = Buffer.alloc(8);
  time.writeBigUInt64BE(BigInt(Math.max(0, Math.floor((s.exportTime.getTime() - isoEpochMs) / 1000))));
  const count = Buffer.alloc(4);
  count.writeUInt32BE(s.tracks.length);
  const tracks = s.tracks.map((t) => {
    if (!Number.isInteger(t.trackId) || t.trackId < 1 || t.trackId > 0xffff) throw new Error(`not a track id: ${t.trackId}`);
    const id = Buffer.alloc(2);
    id.writeUInt16BE(t.trackId);
    return Buffer.concat([id, cstring(t.sourceName), cstring(t.sourceUrl), cstring(t.sourceMac), cstring(t.sourceLine)]);
  });
  return box('suep', Buffer.concat([
    fullBoxHeader(1), cstring(s.exportUnitName), cstring(s.exportUnitUrl), cstring(s.exportUnitMac), time, cstring(s.operator), count, ...tracks,
  ]));
}

/** The file-level meta box holding its handler and the suep box. */
export function suepMetaBox(s: SurveillanceExport): Buffer {
  const hdlr = box('hdlr', Buffer.concat([fullBoxHeader(0), Buffer.alloc(4), Buffer.from('null', 'latin1'), Buffer.alloc(12), cstring('Toezicht export')]));
  return box('meta', Buffer.concat([fullBoxHeader(0), hdlr, suepBox(s)]));
}

/** Reads a suep box's body (after size and type). Throws on a malformed box. */
export function parseSuep(body: Buffer): SurveillanceExport {
  let at = 0;
  const need = (n: number) => {
    if (at + n > body.length) throw new Error('suep box truncated');
  };
  const str = () => {
    const end = body.indexOf(0, at);
    if (end < 0) throw new Error('suep string not terminated');
    const s = body.toString('utf8', at, end);
    at = end + 1;
    return s;
  };
  need(4);
  if (body[0] !== 1) throw new Error(`suep version ${body[0]} (expected 1)`);
  at = 4;
  const exportUnitName = str();
  const exportUnitUrl = str();
  const exportUnitMac = str();
  need(8);
  const seconds = Number(body.readBigUInt64BE(at));
  at += 8;
  const operator = str();
  need(4);
  const count = body.readUInt32BE(at);
  at += 4;
  const tracks: SurveillanceExport['tracks'] = [];
  for (let i = 0; i < count; i++) {
    need(2);
    const trackId = body.readUInt16BE(at);
    at += 2;
    tracks.push({ trackId, sourceName: str(), sourceUrl: str(), sourceMac: str(), sourceLine: str() });
  }
  if (at !== body.length) throw new Error('suep box has trailing bytes');
  return { exportUnitName, exportUnitUrl, exportUnitMac, exportTime: new Date(isoEpochMs + seconds * 1000), operator, tracks };
}

/** Walks the file's top-level boxes for a file-level meta box with a suep box; null when there is none. */
export function findSuep(file: Buffer): SurveillanceExport | null {
  for (let at = 0; at + 8 <= file.length;) {
    let size = file.readUInt32BE(at);
    const type = file.toString('latin1', at + 4, at + 8);
    let header = 8;
    if (size === 1) {
      if (at + 16 > file.length) return null;
      size = Number(file.readBigUInt64BE(at + 8));
      header = 16;
    } else if (size === 0) size = file.length - at;
    if (size < header || at + size > file.length) return null;
    if (type === 'meta') {
      // FullBox: 4 bytes of version and flags, then child boxes.
      for (let c = at + header + 4; c + 8 <= at + size;) {
        const childSize = file.readUInt32BE(c);
        if (childSize < 8 || c + childSize > at + size) break;
        if (file.toString('latin1', c + 4, c + 8) === 'suep') return parseSuep(file.subarray(c + 8, c + childSize));
        c += childSize;
      }
    }
    at += size;
  }
  return null;
}
