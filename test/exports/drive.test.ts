import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToezicht, type Toezicht } from '../../src/bin/app.js';
import { insideRoot, resolveDriveFolder } from '../../src/exports/drive.js';
import { verifyPackage } from '../../src/exports/verify.js';
import { loadConfig } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/logger.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { testOnvifDiscovery } from '../support/network.js';
import { recordFootage } from './support.js';

/**
 * Removable-drive output (issue 8 item 3): only folders under the configured roots (after links
 * are resolved), existing, writable, with room; the package lands there under its final name only
 * when complete, is logged with its path, and is not offered for download from the server.
 */
describe('removable-drive destination rules', () => {
  let base: string;
  let root: string;
  beforeAll(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-drive-rules-'));
    root = path.join(base, 'media');
    fs.mkdirSync(path.join(root, 'usb1', 'zaak'), { recursive: true });
    fs.mkdirSync(path.join(base, 'elsewhere'));
    fs.symlinkSync(path.join(base, 'elsewhere'), path.join(root, 'usb1', 'escape'));
    fs.writeFileSync(path.join(root, 'usb1', 'a-file'), 'x');
  });
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  it('insideRoot (pure)', () => {
    const table: [string, string, boolean][] = [
      ['/media/usb1', '/media', true], ['/media', '/media', true], ['/media/usb1/a/b', '/media', true],
      ['/mediaX/usb1', '/media', false], ['/mnt/usb', '/media', false], ['/', '/media', false],
    ];
    for (const [folder, r, expected] of table) expect(insideRoot(folder, r), `${folder} in ${r}`).toBe(expected);
  });

  it('accepts a writable folder under a root and names every refusal', async () => {
    expect(await resolveDriveFolder(path.join(root, 'usb1', 'zaak'), [root], 1000)).toBe(fs.realpathSync(path.join(root, 'usb1', 'zaak')));
    expect(await resolveDriveFolder(path.join(root, 'usb1', 'zaak', '..'), ['/nonexistent-root', root], 1000)).toBe(fs.realpathSync(path.join(root, 'usb1')));
    const refusals: [string, readonly string[], number, RegExp][] = [
      [path.join(root, 'usb1'), [], 1, /not enabled/],
      ['usb1/zaak', [root], 1, /absolute/],
      [path.join(root, 'usb2'), [root], 1, /does not exist/],
      [path.join(base, 'elsewhere'), [root], 1, /must lie under/],
      [path.join(root, 'usb1', 'escape'), [root], 1, /must lie under/], // a link out of the root
      [path.join(root, 'usb1', 'zaak', '..', '..', '..', 'elsewhere'), [root], 1, /must lie under/],
      [path.join(root, 'usb1', 'a-file'), [root], 1, /not a folder/],
      [path.join(root, 'usb1'), [root], Number.MAX_SAFE_INTEGER, /not enough free space/],
    ];
    for (const [requested, roots, bytes, message] of refusals) {
      await expect(resolveDriveFolder(requested, roots, bytes), requested).rejects.toMatchObject({ code: 'export_destination', message: expect.stringMatching(message) });
    }
    expect(fs.readdirSync(path.join(root, 'usb1')).filter((f) => f.startsWith('.toezicht-probe'))).toEqual([]);
  });
});

describe('an export written to a removable drive', () => {
  let database: TestDatabase;
  let dataDir: string;
  let drives: string;
  let app: Toezicht;
  let requestId = '';
  const actor = { id: 'u-wijk', name: 'wijkbeheerder-user', role: 'wijkbeheerder' } as const;
  const anchorMs = Math.floor(Date.now() / 1000) * 1000 - 600_000;
  const window = { cameraId: 'cam-d', from: new Date(anchorMs).toISOString(), to: new Date(anchorMs + 8_000).toISOString() };

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-drive-data-'));
    drives = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-drives-'));
    fs.mkdirSync(path.join(drives, 'usb-stick'));
    const config = loadConfig({}, { dataDir, logLevel: 'silent', profile: 'domijn', onvifDiscovery: testOnvifDiscovery, exportDrives: `${drives}, /nonexistent-mount` });
    app = await createToezicht({ config, database, logger: createLogger('silent') });
    await recordFootage(app, 'cam-d', { anchorMs, seconds: 8 });
    const request = await app.cases.requests.file({
      kind: 'police', channel: 'letter', requester: { category: 'police', name: 'Agent D', contact: null, organisation: 'Politie' },
      details: { window: { location: 'Hal', from: window.from, to: window.to }, officer: 'D', legalBasis: 'art. 126nd Sv' },
    } as never, actor as never);
    requestId = request.id;
    await app.cases.requests.step(requestId, { type: 'decide', decision: 'allow', outcome: 'digital_medium' as never, reasons: 'Vordering rechtsgeldig.' }, actor as never);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await database?.drop();
    for (const dir of [dataDir, drives]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes the package to the drive atomically, logs the path, and does not offer it for download', async () => {
    const folder = path.join(drives, 'usb-stick');
    const { job, password } = await app.exports.jobs.enqueue({ requestId, windows: [window], destination: folder }, actor);
    const until = Date.now() + 60_000;
    let state = job.state;
    while (!['done', 'failed'].includes(state) && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      state = (await app.exports.jobs.get(job.id)).state;
    }
    expect(await app.exports.jobs.get(job.id)).toMatchObject({ state: 'done', exportId: job.id });
    const made = await app.exports.get(job.id);
    expect(made.destination).toBe(path.join(fs.realpathSync(folder), `toezicht-export-${made.caseRef}-${job.id.slice(0, 8)}.zip`));
    expect(fs.readdirSync(folder)).toEqual([path.basename(made.destination!)]); // no temporary file left
    const zip = fs.readFileSync(made.destination!);
    expect((await verifyPackage(zip, password)).checks.filter((c) => !c.ok)).toEqual([]);
    const serverDir = path.join(dataDir, 'exports');
    expect(fs.existsSync(serverDir) ? fs.readdirSync(serverDir) : []).toEqual([]); // not kept on the server

    const [entry] = (await app.database.db.selectFrom('logbook_entries').selectAll().where('action', '=', 'export.created').execute()).filter((e) => e.subject.includes(job.id));
    expect(JSON.parse(entry!.subject)).toMatchObject({ destination: made.destination, packageSha256: made.packageSha256 });
    await expect(app.exports.download(job.id, actor)).rejects.toMatchObject({ code: 'export_on_drive' });
    // Expiry leaves a package that went out on a drive alone.
    expect(await app.exports.expire(new Date(Date.now() + 30 * 86_400_000))).toBe(0);
    expect(fs.existsSync(made.destination!)).toBe(true);
  });

  it('refuses, before queueing, a destination outside the roots or missing', async () => {
    await expect(app.exports.jobs.enqueue({ requestId, windows: [window], destination: dataDir }, actor)).rejects.toMatchObject({ code: 'export_destination' });
    await expect(app.exports.jobs.enqueue({ requestId, windows: [window], destination: path.join(drives, 'not-mounted') }, actor)).rejects.toMatchObject({ code: 'export_destination' });
    expect(await app.database.db.selectFrom('export_jobs').select('id').where('state', '=', 'queued').execute()).toEqual([]);
  });
});
