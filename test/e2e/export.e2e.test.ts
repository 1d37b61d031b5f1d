import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { verifyPackage } from '../../src/exports/verify.js';
import { startTestServer } from '../support/server.js';
import { Browsers, enrolSecondFactor, screenshot, submitLogin } from '../support/browser.js';
import { ingestCopies } from '../exports/support.js';

/**
 * Issue 8 in a real browser (Domijn): from an allowed police vordering the wijkbeheerder creates
 * the export on the request page, sees the one-time password and the job's progress bar run to
 * done, downloads the package once (it verifies with that password, and on the public
 * verification page), finds the password gone after a reload, and the privacy officer finds the
 * export's entries in the logboek. Build the UI first (npm run build:web).
 */
type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
const browsers = new Browsers();
let work = '';

async function logIn(page: Page, role: string): Promise<void> {
  const user = server.demoUsers.find((u) => u.role === role)!;
  await page.goto(`${server.url}/login`);
  await submitLogin(page, user.username, user.password);
  await enrolSecondFactor(page);
  await page.getByRole('heading', { level: 1, name: 'Overzicht' }).waitFor();
}

const anchorMs = Math.floor(Date.now() / 1000) * 1000 - 7_200_000;
let requestId = '';
let reference = '';

beforeAll(async () => {
  server = await startTestServer({ profile: 'domijn' });
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-export-e2e-'));
  // 24 × 4 s of 1080p at 4 Mbit/s (≈ 48 MB): an export that takes a moment, so the bar moves.
  await ingestCopies(server.toezicht, 'cam-e2e', { anchorMs, count: 24, segmentSeconds: 4 });
  const actor = { id: null, name: 'e2e-seed', role: 'wijkbeheerder' } as const;
  const request = await server.toezicht.cases.requests.file({
    kind: 'police', channel: 'letter', requester: { category: 'police', name: 'Agent E. Tweede', contact: null, organisation: 'Politie Midden-Nederland' },
    details: { window: { location: 'Hoofdingang', cameraIds: ['cam-e2e'], from: new Date(anchorMs).toISOString(), to: new Date(anchorMs + 96_000).toISOString() }, officer: 'E. Tweede', legalBasis: 'art. 126nd Sv' },
  } as never, actor as never);
  await server.toezicht.cases.requests.step(request.id, { type: 'decide', decision: 'allow', outcome: 'digital_medium' as never, reasons: 'Vordering rechtsgeldig.' }, actor as never);
  requestId = request.id;
  reference = request.ref;
}, 180_000);
afterEach(() => browsers.closeAll());
afterAll(async () => {
  await server?.stop();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('evidence export (browser)', () => {
  it('creates the export from the request page, follows the progress bar to done, shows the password once, downloads once; the logboek shows it', async () => {
    const page = await browsers.newPage();
    await logIn(page, 'wijkbeheerder');
    await page.goto(`${server.url}/cases/request?id=${encodeURIComponent(requestId)}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(reference) }).waitFor();
    await page.getByRole('button', { name: 'Export maken' }).click();

    // The password, shown once, while the job runs.
    const passwordBox = page.getByRole('status').filter({ hasText: 'Wachtwoord van het pakket' });
    await passwordBox.waitFor();
    const password = (await passwordBox.locator('code').innerText()).trim();
    expect(password).toMatch(/^([A-Z2-9]{4}-){5}[A-Z2-9]{4}$/);

    // The progress bar: values only go up and end at 100 with the job done.
    const job = page.locator('[data-export-job]');
    await job.waitFor();
    const bar = job.getByRole('progressbar', { name: 'Voortgang van de export' });
    const seen: number[] = [];
    await expect
      .poll(async () => {
        seen.push(Number(await bar.getAttribute('aria-valuenow')));
        return job.getAttribute('data-state');
      }, { timeout: 120_000, interval: 100 })
      .toBe('done');
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBe(100);
    expect(seen.every((v, i) => i === 0 || v >= seen[i - 1]!), seen.join(',')).toBe(true);
    await expect.poll(() => job.innerText()).toContain('Klaar');
    await screenshot(page, 'export-done');

    // Download once, through the browser.
    const link = page.getByRole('link', { name: 'Downloaden (één keer)' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = path.join(work, 'package.zip');
    await download.saveAs(file);
    const zip = fs.readFileSync(file);
    const report = await verifyPackage(zip, password);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    await expect.poll(() => page.getByRole('main').innerText(), { timeout: 15_000 }).toMatch(/Gedownload .* door wijkbeheerder/);

    // After a reload the password is nowhere on the page.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: new RegExp(reference) }).waitFor();
    await page.getByText(/Gedownload .* door wijkbeheerder/).waitFor();
    expect(await page.content()).not.toContain(password);

    // The public verification page accepts the downloaded package with its password.
    const verify = await browsers.newPage();
    await verify.goto(`${server.url}/verify`);
    const [chooser] = await Promise.all([verify.waitForEvent('filechooser'), verify.getByLabel('Bestand').click()]);
    await chooser.setFiles(file);
    await verify.getByLabel('Wachtwoord').fill(password);
    await verify.getByRole('button', { name: 'Controleren' }).click();
    await verify.getByText('In orde: niets is gewijzigd').waitFor({ timeout: 60_000 });

    // The privacy officer finds the creation and the download in the logboek, each with the package hash.
    const privacy = await browsers.newPage();
    await logIn(privacy, 'privacy_officer');
    await privacy.goto(`${server.url}/logbook`);
    await privacy.getByLabel('Zaak').fill(reference);
    await privacy.getByRole('button', { name: 'Zoeken' }).click();
    await expect.poll(() => privacy.getByRole('main').innerText(), { timeout: 15_000 }).toContain('export.created');
    await expect.poll(() => privacy.getByRole('main').innerText()).toContain('export.downloaded');
    await screenshot(privacy, 'export-logboek');
  }, 300_000);
});
