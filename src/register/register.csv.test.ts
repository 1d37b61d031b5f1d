import { describe, expect, it } from 'vitest';
import type { Camera, Site } from './camera.js';
import { csvBoolean, CsvError, parseCsv, readRegisterCsv, registerColumns, registerToCsv } from './register.csv.js';

const site = { id: 's1', name: 'Hof, "De Linde"', address: 'Lindelaan 1\nSoest', organisation: 'Gemeente', profileId: 'soest' } as Site;
const camera = {
  id: 'c1', siteId: 's1', name: '=HYPERLINK("x")', location: 'Publiekshal', areaType: 'public_hall', purposes: ['visitors', 'staff'], legalBasis: null,
  responsible: null, signageLocation: null, streamUrl: 'rtsp://10.0.0.5/h264', hasCredentials: true, secureConnection: false, recordingMode: 'motion',
  status: 'active', dummy: false, hidden: false, staffInView: true, systematicPublic: false, activatedAt: '2026-01-01T09:00:00.000Z',
} as Camera;

describe('register CSV', () => {
  it('exports one row per camera, quoted where needed and guarded against formulas, never credentials', () => {
    const csv = registerToCsv([site, { ...site, id: 's2', name: 'Leeg' }], [camera]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(registerColumns.join(','));
    expect(csv).toContain('"Hof, ""De Linde"""');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain('visitors;staff');
    expect(csv).not.toMatch(/password|username|credentials/i);
    expect(lines.filter(Boolean)).toHaveLength(3); // header, the camera, the empty site
  });

  it('reads back what it wrote: quotes, line breaks, the formula guard undone', () => {
    const rows = readRegisterCsv(registerToCsv([site], [camera]));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.line).toBe(2);
    expect(rows[0]!.cells).toMatchObject({ site_name: 'Hof, "De Linde"', site_address: 'Lindelaan 1\nSoest', camera_name: '=HYPERLINK("x")', purposes: 'visitors;staff' });
  });

  it('parses LF files with a BOM and skips blank lines', () => {
    expect(parseCsv('\uFEFFa,b\n1,"2\n3"\n\n')).toEqual([['a', 'b'], ['1', '2\n3']]);
  });

  it.each([
    ['', '(header)', 'empty'],
    ['site_name,camera_name,colour\n', 'colour', 'unknown column'],
    ['site_name,location\n', 'camera_name', 'required column missing'],
    ['site_name,camera_name\n"open,x\n', '(csv)', 'not closed'],
    ['site_name,camera_name\na,b,c\n', '(row)', 'more cells'],
  ])('refuses a malformed file %#, naming line and column', (text, column, message) => {
    try {
      readRegisterCsv(text);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CsvError);
      expect((err as CsvError).column).toBe(column);
      expect((err as Error).message).toContain(message);
    }
  });

  it('reads yes/no in Dutch and English', () => {
    expect([csvBoolean('Ja'), csvBoolean('no'), csvBoolean(''), csvBoolean('1'), csvBoolean('misschien')]).toEqual([true, false, false, true, null]);
  });
});
