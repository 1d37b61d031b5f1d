import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestServer } from '../support/server.js';
import { Browsers, enrolSecondFactor, repoRoot, screenshot, submitLogin } from '../support/browser.js';

/**
 * Issue 7 in a real browser against the real server (Mozaiek's protocol): a resident files an
 * access request on the public page without an account; the wijkbeheerder finds it by its
 * deadline, searches the footage window, records the balancing of interests, decides, draws up
 * the inzageverklaring and has it signed on screen; the privacy officer finds every step in the
 * logboek. Set TOEZICHT_E2E_SCREENSHOTS=/some/dir to keep screenshots.
 */
type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
const browsers = new Browsers();
const newPage = () => browsers.newPage();

async function logIn(page: Page, role: string): Promise<void> {
  const user = server.demoUsers.find((u) => u.role === role)!;
  await page.goto(`${server.url}/login`);
  await submitLogin(page, user.username, user.password);
  // Every role enrols a second factor at its first login under the shipped profiles.
  await enrolSecondFactor(page);
  await page.getByRole('heading', { level: 1, name: 'Overzicht' }).waitFor();
}

async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('textbox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

/** Yesterday in Amsterdam, YYYY-MM-DD. */
const yesterday = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date(Date.now() - 86_400_000));

beforeAll(async () => {
  if (!fs.existsSync(path.join(repoRoot, 'dist/web/index.html'))) {
    const { build } = await import('vite');
    await build({ configFile: path.join(repoRoot, 'web/vite.config.ts'), logLevel: 'warn' });
  }
  server = await startTestServer({ profile: 'mozaiek' });
}, 120_000);

afterEach(() => browsers.closeAll());

afterAll(async () => {
  await server?.stop();
});

describe('requests (browser)', () => {
  it('a resident files a request on the public page; staff decide, draw up and sign the PDF; the logboek shows each step', async () => {
    // The resident: no account.
    const resident = await newPage();
    await resident.goto(`${server.url}/verzoek`);
    await resident.getByRole('heading', { level: 1, name: 'Verzoek over camerabeelden' }).waitFor();
    await resident.getByRole('radio', { name: /De beelden zien waarop ik sta/ }).check();
    await resident.getByLabel('Uw naam').fill('Anna de Boer');
    await resident.getByLabel('E-mailadres of telefoonnummer').fill('anna@example.test');
    await resident.getByLabel('Waar was het?').fill('Hoofdingang, Lindelaan 12');
    await resident.getByLabel('Datum').fill(yesterday());
    await resident.getByLabel('Van (tijd)').fill('21:00');
    await resident.getByLabel('Tot (tijd)').fill('21:05');
    await resident.getByLabel(/Wat gebeurde er/).fill('Ik ben bij de ingang gevallen; ik draag een rode jas.');
    await screenshot(resident, 'public-form');
    await resident.getByRole('button', { name: 'Verzoek versturen' }).click();
    await resident.getByRole('heading', { level: 1, name: 'Uw verzoek is ontvangen' }).waitFor();
    const receipt = await resident.getByRole('status').innerText();
    const reference = /VZ-\d{4}-[2-9A-Z]{6}/.exec(receipt)?.[0];
    expect(reference, receipt).toBeDefined();
    await expect.poll(() => resident.getByRole('main').innerText()).toMatch(/Stuur geen kopie van uw identiteitsbewijs/);
    await screenshot(resident, 'public-receipt');

    // The wijkbeheerder finds it by its deadline.
    const staff = await newPage();
    await logIn(staff, 'wijkbeheerder');
    await staff.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Verzoeken en incidenten' }).click();
    await staff.getByRole('heading', { level: 1, name: 'Verzoeken' }).waitFor();
    await staff.getByRole('link', { name: reference! }).click();
    await staff.getByRole('heading', { level: 1, name: `Inzage · ${reference}` }).waitFor();
    await expect.poll(() => staff.getByRole('main').innerText()).toContain('Het protocol staat dit verzoek toe (MOZ-4.1)');

    // Search the footage window (the recorder's index, when it is connected).
    await staff.getByRole('button', { name: 'Beelden zoeken in dit tijdvak' }).click();
    await staff.getByRole('status').filter({ hasText: /s beeld|recorder|camera/ }).waitFor();

    // What the protocol asks before deciding: own images only (MOZ-4.1), the balancing of interests (MOZ-4.2).
    for (const fact of ['Alleen eigen beelden gecontroleerd', 'Belangenafweging vastgelegd']) {
      await choose(staff, 'Feit vastleggen', fact);
      await staff.getByRole('button', { name: 'Vastleggen', exact: true }).click();
      await expect.poll(() => staff.getByRole('textbox', { name: 'Feit vastleggen' }).inputValue()).toBe('');
    }
    await staff.getByLabel('Motivering').fill('Alleen de verzoeker is herkenbaar in beeld; inzage op kantoor.');
    await staff.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await staff.getByText('Toegewezen (MOZ-4.1)').waitFor();

    // Draw up the inzageverklaring and have it signed on screen (MOZ-4.6), and the decision letter.
    await staff.getByRole('button', { name: 'Inzageverklaring opstellen' }).click();
    await staff.getByRole('button', { name: 'Ondertekenen' }).click();
    const dialog = staff.getByRole('dialog', { name: 'Ondertekenen' });
    await expect(await dialog.getByLabel('Naam van wie tekent').inputValue()).toBe('Anna de Boer');
    const pad = dialog.getByTestId('signature-pad');
    const box = (await pad.boundingBox())!;
    await staff.mouse.move(box.x + 30, box.y + box.height / 2);
    await staff.mouse.down();
    for (let i = 1; i <= 12; i++) await staff.mouse.move(box.x + 30 + i * 25, box.y + box.height / 2 + (i % 2 ? -30 : 30));
    await staff.mouse.up();
    await dialog.getByText('Handtekening gezet.').waitFor();
    await screenshot(staff, 'signature');
    await dialog.getByRole('button', { name: 'Ondertekend opslaan' }).click();
    await staff.getByText('Getekend op het scherm door Anna de Boer').waitFor();
    await staff.getByRole('button', { name: 'Beslisbrief opstellen' }).click();
    await staff.getByRole('link', { name: 'Beslisbrief' }).waitFor();

    const href = await staff.getByRole('link', { name: 'Inzageverklaring' }).last().getAttribute('href');
    const pdf = await staff.request.get(`${server.url}${href}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    for (const step of ['Verzoek ontvangen', 'Beelden gezocht', 'Feit vastgelegd', 'Besluit: toegewezen', 'Document opgesteld', 'Document ondertekend']) {
      await expect.poll(() => staff.getByRole('main').innerText()).toContain(step);
    }
    await screenshot(staff, 'request-decided');

    // The privacy officer reads every step in the logboek.
    const privacy = await newPage();
    await logIn(privacy, 'privacy_officer');
    await privacy.goto(`${server.url}/logbook`);
    await privacy.getByLabel('Zaak').fill(reference!);
    await privacy.getByRole('button', { name: 'Zoeken' }).click();
    for (const action of ['request.received', 'request.footage_searched', 'request.fact_recorded', 'request.allowed', 'document.generated', 'document.signed']) {
      await expect.poll(() => privacy.getByRole('main').innerText()).toContain(action);
    }
    await screenshot(privacy, 'logbook');
  }, 120_000);
});
