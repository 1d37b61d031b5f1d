import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportRepository } from '../../src/exports/export.repository.js';
import { toExportSummary } from '../../src/exports/export.js';
import { createTestDatabase, dialects, type TestDatabase } from '../support/databases.js';

/** The exports table on both dialects (convention 4): insert, list by case, find by hash, download once. */
describe.each(dialects)('export repository on %s', (dialect) => {
  let database: TestDatabase;
  let repo: ExportRepository;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    repo = new ExportRepository(database.db);
  }, 30_000);
  afterAll(() => database?.drop());

  const row = (id: string, createdAt: string) => ({
    id, case_ref: 'VZ-2026-0001', request_id: 'r-1', request_kind: 'police', recipient: 'Politie', legal_basis: 'art. 126nd Sv',
    windows: JSON.stringify([{ cameraId: 'cam-a', from: '2026-03-30T10:00:00.000Z', to: '2026-03-30T10:01:00.000Z' }]),
    clips: JSON.stringify([{ file: '01-cam-a.mp4', cameraId: 'cam-a', gaps: [], sha256: 'ab', bytes: 10 }]),
    package_file: `${id}.zip`, package_bytes: 3_000_000_000, package_sha256: `sha-${id}`, certificate_sha256: 'cert', password_hash: 'scrypt$x$y',
    created_at: createdAt, created_by_id: 'u-1', created_by_name: 'wijk', downloaded_at: null, downloaded_by_name: null,
    handed_over_at: null, handed_over_by_name: null, handed_over_to: null, handed_over_identification: null, package_deleted_at: null,
  });

  it('lists a case newest first, finds by package hash and maps rows (big sizes as numbers)', async () => {
    await repo.insert(row('e-1', '2026-03-30T10:00:00.000Z'));
    await repo.insert(row('e-2', '2026-03-30T11:00:00.000Z'));
    expect((await repo.forCase('VZ-2026-0001')).map((r) => r.id)).toEqual(['e-2', 'e-1']);
    expect((await repo.byPackageHash('sha-e-1'))?.id).toBe('e-1');
    const summary = toExportSummary((await repo.get('e-1'))!);
    expect(summary).toMatchObject({ packageBytes: 3_000_000_000, windows: [{ cameraId: 'cam-a' }], downloadedAt: null });
    expect(JSON.stringify(summary)).not.toContain('scrypt');
  });

  it('marks a download only once', async () => {
    const first = await database.db.transaction().execute((trx) => repo.markDownloaded('e-1', '2026-03-30T12:00:00.000Z', 'wijk', trx));
    const second = await database.db.transaction().execute((trx) => repo.markDownloaded('e-1', '2026-03-30T12:01:00.000Z', 'other', trx));
    expect([first, second]).toEqual([true, false]);
    expect((await repo.get('e-1'))?.downloaded_by_name).toBe('wijk');
  });
});
