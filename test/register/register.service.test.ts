import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/platform/crypto.js';
import { ImportRefused } from '../../src/register/register.import.js';
import { dialects } from '../support/databases.js';
import { tinyPdf } from './fixtures.js';
import { approve, beheerder, cameraInput, createRegisterFixture, expectRefused, logbookEntries, siteInput, type RegisterFixture } from './support.js';

describe.each(dialects)('camera register on %s', (dialect) => {
  let f: RegisterFixture;
  beforeAll(async () => {
    f = await createRegisterFixture(dialect);
  }, 60_000);
  afterAll(() => f.close());

  it('sites: unique names, a known profile, the active profile by default, overrides that only tighten (DOM-12)', async () => {
    const site = await f.register.sites.create({ ...siteInput('domijn'), name: 'De Linde', profileId: undefined }, beheerder);
    expect(site).toMatchObject({ name: 'De Linde', profileId: 'domijn', checkIntervalDays: null, vveApplies: false });
    await expectRefused(f.register.sites.create({ ...siteInput('domijn'), name: 'De Linde' }, beheerder), 'conflict');
    await expectRefused(f.register.sites.create(siteInput('gemeente-x'), beheerder), 'invalid');
    const loosening = f.register.sites.create(siteInput('domijn', { siteOverride: { retention: { limitDays: 60 } } }), beheerder);
    await expect(loosening).rejects.toMatchObject({ kind: 'invalid', details: { field: 'siteOverride.retention.limitDays' } });
    const tight = await f.register.sites.create(siteInput('domijn', { siteOverride: { retention: { limitDays: 7 } } }), beheerder);
    expect(tight.siteOverride).toEqual({ retention: { limitDays: 7 } });
    // MOZ-2.3: a Mozaiek site gets a check schedule even when none is named.
    expect((await f.register.sites.create(siteInput('mozaiek'), beheerder)).checkIntervalDays).toBe(90);
  });

  it('cameras: credentials split off the URL and sealed; names unique per site; nothing saved on bad input', async () => {
    const site = await f.register.sites.create(siteInput('mozaiek'), beheerder);
    const camera = await f.register.cameras.create(
      { ...cameraInput('mozaiek', site.id), streamUrl: 'rtsp://admin:Url-Secret-99@10.0.0.9:554/live', username: undefined, password: undefined },
      beheerder,
    );
    expect(camera).toMatchObject({ streamUrl: 'rtsp://10.0.0.9:554/live', hasCredentials: true, status: 'planned' });
    const row = await f.database.db.selectFrom('register_cameras').selectAll().where('id', '=', camera.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('Url-Secret-99');
    expect(row.credentials_sealed).toMatch(/^v1\./);

    await expectRefused(f.register.cameras.create({ ...cameraInput('mozaiek', site.id), name: camera.name }, beheerder), 'conflict');
    const other = await f.register.sites.create(siteInput('mozaiek'), beheerder);
    await f.register.cameras.create({ ...cameraInput('mozaiek', other.id), name: camera.name }, beheerder);

    const before = (await f.register.cameras.list({ siteId: site.id })).length;
    const entries = (await logbookEntries(f)).length;
    for (const bad of [
      { streamUrl: 'http://10.0.0.9/live' },
      { streamUrl: 'rtsp://a:b@10.0.0.9/live', username: 'c', password: 'd' },
      { purposes: ['world_peace'] },
      { viewChecklist: { no_audio: { compliant: true, photoDocumentId: null } } },
      { signagePhotoDocumentId: '00000000-0000-4000-8000-000000000000' },
      { dummy: true, hidden: true },
    ]) {
      await expectRefused(f.register.cameras.create({ ...cameraInput('mozaiek', site.id), ...bad }, beheerder), 'invalid');
    }
    expect((await f.register.cameras.list({ siteId: site.id })).length).toBe(before);
    expect((await logbookEntries(f)).length).toBe(entries);
  });

  it('every change is a logboek entry, and no entry holds a camera password', async () => {
    const site = await f.register.sites.create(siteInput('soest'), beheerder);
    const camera = await f.register.cameras.create(cameraInput('soest', site.id, { password: 'Log-Secret-123' }), beheerder);
    await f.register.cameras.update(camera.id, { password: 'Log-Secret-456', username: 'root', location: 'Hal, oost' }, beheerder);
    const entries = await logbookEntries(f);
    const mine = entries.filter((e) => e.subject.includes(camera.id)).map((e) => e.action);
    expect(mine).toEqual(['register.camera_created', 'register.camera_changed']);
    const changed = JSON.parse(entries.at(-1)!.subject) as { changes: Record<string, unknown> };
    expect(changed.changes).toEqual({ location: 'Hal, oost', credentialsChanged: true });
    expect(JSON.stringify(entries)).not.toMatch(/Log-Secret|Camera-Secret|Url-Secret/);
  });

  it('periodic checks: overdue after the interval, a failed check opens a defect and takes the camera out of service until repaired', async () => {
    const site = await f.register.sites.create(siteInput('mozaiek', { checkIntervalDays: 30 }), beheerder);
    const camera = await f.register.cameras.create(cameraInput('mozaiek', site.id), beheerder);
    await approve(f.register, camera.id, ['proportionality_assessment']);
    await f.register.cameras.setStatus(camera.id, 'active', beheerder);
    expect((await f.register.checks.overdue()).map((o) => o.cameraId)).not.toContain(camera.id);

    f.clock.set('2026-04-02T09:00:00Z');
    try {
      const overdue = await f.register.checks.overdue();
      expect(overdue.find((o) => o.cameraId === camera.id)).toMatchObject({ siteName: site.name, lastCheckedAt: null, dueAt: '2026-04-01T09:00:00.000Z' });

      const { check, defect } = await f.register.checks.recordCheck(camera.id, { imageOk: true, timeOk: false, signageOk: true, viewOk: true, notes: 'Klok 10 min achter' }, beheerder);
      expect(check).toMatchObject({ timeOk: false, checkedBy: 'bram' });
      expect(defect).toMatchObject({ checkId: check.id, description: 'timeOk: Klok 10 min achter', repairedAt: null });
      expect((await f.register.checks.overdue()).map((o) => o.cameraId)).not.toContain(camera.id);
      expect((await f.register.cameras.get(camera.id)).camera.status).toBe('defect');
      expect((await f.register.camerasAllowedToRecord()).map((t) => t.cameraId)).not.toContain(camera.id);
      expect(await f.register.checks.countOpenDefects()).toBeGreaterThanOrEqual(1);

      const second = await f.register.checks.reportDefect(camera.id, 'Lens beslagen', beheerder);
      await expectRefused(f.register.cameras.setStatus(camera.id, 'active', beheerder), 'conflict');
      await f.register.checks.repair(defect!.id, 'Tijdserver ingesteld', beheerder);
      expect((await f.register.cameras.get(camera.id)).camera.status).toBe('defect'); // one still open
      await f.register.checks.repair(second.id, null, beheerder);
      expect((await f.register.cameras.get(camera.id)).camera.status).toBe('active');
      await expectRefused(f.register.checks.repair(second.id, null, beheerder), 'conflict');
      const actions = (await logbookEntries(f)).filter((e) => e.subject.includes(camera.id)).map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(['register.check_recorded', 'register.defect_reported', 'register.defect_repaired', 'register.camera_status_changed']));
    } finally {
      f.clock.set('2026-03-02T09:00:00Z');
    }
  });

  it('documents: stored once under documents/ by SHA-256; a refused file leaves no file, row or entry', async () => {
    const doc = await f.register.documents.upload(tinyPdf, '../DPIA hal.pdf', beheerder);
    expect(doc).toMatchObject({ mediaType: 'application/pdf', size: tinyPdf.length, name: 'DPIA hal.pdf', sha256: sha256Hex(Buffer.from(tinyPdf)) });
    const file = path.join(f.dataDir, 'documents', doc.sha256.slice(0, 2), `${doc.sha256}.pdf`);
    expect(fs.readFileSync(file)).toEqual(Buffer.from(tinyPdf));
    const again = await f.register.documents.upload(tinyPdf, 'kopie.pdf', beheerder);
    expect(again.id).not.toBe(doc.id);
    expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
    expect((await f.register.documents.get(doc.id)).content).toEqual(Buffer.from(tinyPdf));

    // A changed or lost file is noticed when read, not served.
    const other = await f.register.documents.upload(new TextEncoder().encode('%PDF-1.7 other'), 'ander.pdf', beheerder);
    const otherFile = path.join(f.dataDir, 'documents', other.sha256.slice(0, 2), `${other.sha256}.pdf`);
    fs.writeFileSync(otherFile, '%PDF-1.7 changed');
    await expectRefused(f.register.documents.get(other.id), 'conflict');
    fs.rmSync(otherFile);
    await expect(f.register.documents.get(other.id)).rejects.toMatchObject({ kind: 'not_found', code: 'document_missing' });

    const files = () => fs.readdirSync(path.join(f.dataDir, 'documents'), { recursive: true }).length;
    const [count, entries] = [files(), (await logbookEntries(f)).length];
    await expectRefused(f.register.documents.upload(new TextEncoder().encode('<html>'), 'x.pdf', beheerder), 'invalid');
    expect([files(), (await logbookEntries(f)).length]).toEqual([count, entries]);
  });

  it('CSV: the export reads back in; an import with one bad row saves nothing and names every problem', async () => {
    const csv = await f.register.csv.exportCsv();
    expect(csv).not.toMatch(/Secret|viewer/);
    const bad = [
      'site_name,site_address,site_organisation,site_profile,camera_name,location,area_type,dummy',
      'Import Noord,Noordweg 1,Demo,wooncompas,Hal,Entree,common_area,no',
      'Import Noord,Noordweg 1,Demo,wooncompas,Lift,Liftschacht,lift,no',
      'Import Zuid,,Demo,wooncompas,,,,',
      'Import West,Westweg 1,Demo,wooncompas,Poort,Poort,outdoor,misschien',
    ].join('\n');
    const refused = await f.register.csv.importCsv(bad, beheerder).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ImportRefused);
    expect((refused as ImportRefused).problems).toEqual([
      { field: 'line 3: area_type', message: expect.stringContaining('common_area') },
      { field: 'line 4: site_address', message: 'A site needs an address' },
      { field: 'line 5: dummy', message: 'Use yes or no' },
    ]);
    expect((await f.register.sites.list()).some((s) => s.name.startsWith('Import'))).toBe(false);

    const good = bad.split('\n').filter((_, i) => i !== 2 && i !== 3).join('\n').replace('misschien', 'no');
    expect(await f.register.csv.importCsv(`${good}\nImport Noord,,,,Kelder,Kelderdeur,entrance,no\n`, beheerder)).toEqual({ sites: 2, cameras: 3 });
    const imported = (await f.register.cameras.list()).filter((c) => c.siteName.startsWith('Import'));
    expect(imported.map((c) => c.status)).toEqual(['planned', 'planned', 'planned']);
    expect((await logbookEntries(f)).at(-1)).toMatchObject({ action: 'register.imported' });
  });

  it('the public camera list: cameras in service with their purposes, never hidden ones or undisclosed dummies (MOZ-3.3)', async () => {
    const site = await f.register.sites.create(siteInput('mozaiek', { name: 'Openbaar Complex' }), beheerder);
    const shown = await f.register.cameras.create(cameraInput('mozaiek', site.id, { location: 'Hoofdingang' }), beheerder);
    await approve(f.register, shown.id, ['proportionality_assessment']);
    await f.register.cameras.setStatus(shown.id, 'active', beheerder);
    const dummy = await f.register.cameras.create(cameraInput('mozaiek', site.id, { dummy: true, streamUrl: null, username: undefined, password: undefined }), beheerder);
    await f.register.cameras.setStatus(dummy.id, 'active', beheerder);
    await f.register.cameras.create(cameraInput('mozaiek', site.id, { location: 'Nog niet opgehangen' }), beheerder);

    const entry = (await f.register.publicCameraList()).find((s) => s.name === 'Openbaar Complex');
    expect(entry).toEqual({
      siteId: site.id, name: 'Openbaar Complex', address: site.address, organisation: 'Demo',
      cameras: [{ location: 'Hoofdingang', purposes: [{ nl: expect.any(String), en: expect.any(String) }] }],
    });
    const welwonen = await f.register.sites.create(siteInput('welwonen', { name: 'Kantoor WelWonen' }), beheerder);
    const hidden = await f.register.cameras.create(cameraInput('welwonen', welwonen.id, { hidden: true, signageLocation: null, location: 'Kassa' }), beheerder);
    await approve(f.register, hidden.id, ['proportionality_assessment', 'hidden_camera_suspicion']);
    await f.register.cameras.setStatus(hidden.id, 'active', beheerder);
    const list = await f.register.publicCameraList();
    expect(list.find((s) => s.siteId === welwonen.id)).toBeUndefined();
    expect(list.flatMap((s) => s.cameras).some((c) => c.location === 'Kassa')).toBe(false);
    expect((await f.register.camerasAllowedToRecord()).map((t) => t.cameraId)).toContain(hidden.id);
  });
});
