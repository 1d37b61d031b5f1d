import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestServer } from '../support/server.js';
import { Browsers, enrolSecondFactor, screenshot, submitLogin } from '../support/browser.js';

/**
 * Issue 7 in a real browser (Soest's regeling): a police officer files their own vordering
 * (art. 126nda Sv, SOE-9) through their account and sees it under their own vorderingen; the
 * beheerder sees it counted in the dashboard's requests-per-month chart, finds it among the
 * requests with the officer's identification, changes a detail with a reason, and the timeline
 * shows the change. Build the UI first (npm run build:web).
 */
type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
const browsers = new Browsers();

async function logIn(page: Page, role: string): Promise<void> {
  const user = server.demoUsers.find((u) => u.role === role)!;
  await page.goto(`${server.url}/login`);
  await submitLogin(page, user.username, user.password);
  await enrolSecondFactor(page);
  await page.getByRole('heading', { level: 1, name: 'Overzicht' }).waitFor();
}

/** Yesterday in Amsterdam at the given time, as a datetime-local value. */
const yesterdayAt = (time: string) => `${new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date(Date.now() - 86_400_000))}T${time}`;

beforeAll(async () => {
  server = await startTestServer({ profile: 'soest' });
}, 120_000);
afterEach(() => browsers.closeAll());
afterAll(async () => {
  await server?.stop();
});

describe('police vordering and editing a request (browser)', () => {
  it('an officer files their own vordering; the beheerder finds it, changes a detail with a reason, and the timeline shows it', async () => {
    const officer = await browsers.newPage();
    await logIn(officer, 'police');
    await officer.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Vordering indienen' }).click();
    await officer.getByRole('heading', { level: 1, name: /Vordering indienen/ }).waitFor();
    await officer.getByLabel('Dienstnummer (of parketnummer)').fill('NL-123456');
    await officer.getByLabel('Eenheid').fill('Team Eemland');
    await officer.getByLabel('Locatie').fill('Hoofdingang gemeentehuis');
    await officer.getByLabel(/^Van\b/).fill(yesterdayAt('20:00'));
    await officer.getByLabel(/^Tot\b/).fill(yesterdayAt('20:30'));
    await officer.getByLabel('Gevraagde gegevens').fill('Beelden van de hoofdingang');
    await officer.getByRole('button', { name: 'Vordering indienen' }).click();
    const filed = officer.getByText(/Vordering ingediend: VZ-\d{4}-[2-9A-Z]{6}/);
    await filed.waitFor();
    const reference = /VZ-\d{4}-[2-9A-Z]{6}/.exec(await filed.innerText())![0];
    await expect.poll(() => officer.getByRole('main').innerText()).toContain(reference);
    await screenshot(officer, 'police-vordering');

    const beheerder = await browsers.newPage();
    await logIn(beheerder, 'beheerder');
    // The dashboard (issue 7 item 6): the case cards and the requests-per-month chart, this month's vordering in it.
    await beheerder.getByText('Verzoeken per maand').waitFor();
    const chart = beheerder.getByRole('img', { name: /Staafdiagram van ontvangen en beslist per maand/ });
    await expect.poll(() => chart.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    await beheerder.getByText('Open incidenten').waitFor();
    await beheerder.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Verzoeken en incidenten' }).click();
    await beheerder.getByRole('link', { name: reference }).click();
    await beheerder.getByRole('heading', { level: 1, name: new RegExp(reference) }).waitFor();
    await expect.poll(() => beheerder.getByRole('main').innerText()).toContain('ingediend via politieaccount');
    await expect.poll(() => beheerder.getByRole('main').innerText()).toContain('dienstnummer NL-123456');

    await beheerder.getByRole('button', { name: 'Gegevens wijzigen' }).click();
    const dialog = beheerder.getByRole('dialog', { name: 'Gegevens van het verzoek wijzigen' });
    await dialog.getByLabel('Omschrijving').fill('Ook de fietsenstalling, volgens nabellen');
    await dialog.getByLabel('Reden van de wijziging').fill('Aanvulling van de verbalisant per telefoon');
    await dialog.getByRole('button', { name: 'Wijziging opslaan' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => beheerder.getByRole('main').innerText()).toContain('Gegevens gewijzigd');
    await expect.poll(() => beheerder.getByRole('main').innerText()).toContain('Ook de fietsenstalling');
    await screenshot(beheerder, 'request-edited');
  }, 120_000);
});
