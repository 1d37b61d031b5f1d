import { csvCell } from '../logbook/logbook.csv.js';
import type { Camera, Site } from './camera.js';

/**
 * The register as CSV (RFC 4180, CRLF, formula-safe cells): one row per camera with its site's
 * columns repeated, and one row for a site without cameras. Credentials are never exported; a
 * status and activation date are exported for reading but ignored on import (imported cameras are
 * planned: activation goes through the gate).
 */
export const registerColumns = [
  'site_name', 'site_address', 'site_organisation', 'site_profile', 'camera_name', 'location', 'area_type', 'purposes', 'legal_basis',
  'responsible', 'recording_mode', 'dummy', 'hidden', 'staff_in_view', 'systematic_public', 'secure_connection', 'stream_url',
  'signage_location', 'status', 'activated_at',
] as const;
export type RegisterColumn = (typeof registerColumns)[number];

const requiredColumns: readonly RegisterColumn[] = ['site_name', 'camera_name'];
export const maxImportRows = 5000;

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

function siteCells(site: Site): Partial<Record<RegisterColumn, string>> {
  return { site_name: site.name, site_address: site.address, site_organisation: site.organisation, site_profile: site.profileId };
}

function cameraCells(camera: Camera): Partial<Record<RegisterColumn, string>> {
  return {
    camera_name: camera.name, location: camera.location, area_type: camera.areaType, purposes: camera.purposes.join(';'),
    legal_basis: camera.legalBasis ?? '', responsible: camera.responsible ?? '', recording_mode: camera.recordingMode, dummy: yesNo(camera.dummy),
    hidden: yesNo(camera.hidden), staff_in_view: yesNo(camera.staffInView), systematic_public: yesNo(camera.systematicPublic),
    secure_connection: yesNo(camera.secureConnection), stream_url: camera.streamUrl ?? '', signage_location: camera.signageLocation ?? '',
    status: camera.status, activated_at: camera.activatedAt ?? '',
  };
}

export function registerToCsv(sites: readonly Site[], cameras: readonly Camera[]): string {
  const lines = [registerColumns.join(',')];
  for (const site of sites) {
    const own = cameras.filter((c) => c.siteId === site.id);
    const rows = own.length > 0 ? own.map((camera) => ({ ...siteCells(site), ...cameraCells(camera) })) : [siteCells(site)];
    for (const row of rows) lines.push(registerColumns.map((column) => csvCell(row[column] ?? '')).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Parses RFC 4180 CSV (quoted cells, doubled quotes, line breaks inside quotes; CRLF or LF; a BOM). */
export function parseCsv(text: string): string[][] {
  const input = text.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && input[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (quoted) throw new CsvError(rows.length + 1, '(csv)', 'a quoted cell is not closed');
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

export class CsvError extends Error {
  constructor(
    readonly line: number,
    readonly column: string,
    message: string,
  ) {
    super(message);
  }
}

/** Undoes the export's formula guard: a leading apostrophe before = + - @ tab or CR. */
const unguard = (value: string) => (/^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value).trim();

/** The data rows as records by column name; line numbers count the header as line 1. */
export function readRegisterCsv(text: string): { line: number; cells: Partial<Record<RegisterColumn, string>> }[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new CsvError(1, '(header)', 'the file is empty');
  const names = header.map((name) => name.trim().toLowerCase());
  const unknown = names.find((name) => !(registerColumns as readonly string[]).includes(name));
  if (unknown !== undefined) throw new CsvError(1, unknown || '(empty)', 'unknown column');
  const missing = requiredColumns.find((name) => !names.includes(name));
  if (missing) throw new CsvError(1, missing, 'required column missing');
  if (rows.length > maxImportRows) throw new CsvError(maxImportRows + 2, '(rows)', `at most ${maxImportRows} rows per import`);
  return rows.map((row, i) => {
    if (row.length > names.length) throw new CsvError(i + 2, '(row)', 'more cells than columns');
    const cells: Partial<Record<RegisterColumn, string>> = {};
    names.forEach((name, j) => {
      cells[name as RegisterColumn] = unguard(row[j] ?? '');
    });
    return { line: i + 2, cells };
  });
}

/** yes/no, ja/nee, true/false, 1/0; empty is no. */
export function csvBoolean(value: string | undefined): boolean | null {
  const v = (value ?? '').trim().toLowerCase();
  if (['', 'no', 'nee', 'false', '0'].includes(v)) return false;
  if (['yes', 'ja', 'true', '1'].includes(v)) return true;
  return null;
}
