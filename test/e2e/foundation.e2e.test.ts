import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestServer } from '../support/server.js';
import { Browsers, enrolSecondFactor, repoRoot, screenshot, submitLogin } from '../support/browser.js';

/**
 * The foundation in a real browser against the real server: the Dutch login page, a login, the
 * dashboard, and the language switch that persists across a reload.
 *
 * Set TOEZICHT_E2E_SCREENSHOTS=/some/dir to keep a screenshot of each page seen.
 */
type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
const browsers = new Browsers();

/**
 * A fresh browser profile per test, so no cookie or language choice leaks from one test into the
 * next; an English-speaking browser, because Dutch must still be the default.
 */
const newPage = () => browsers.newPage({ locale: 'en-US', viewport: { width: 1280, height: 800 } });

const htmlLang = (page: Page) => page.locator('html').getAttribute('lang');

beforeAll(async () => {
  // `npm test` builds the UI first; build it here too when a test is run on its own after a clean checkout.
  if (!fs.existsSync(path.join(repoRoot, 'dist/web/index.html'))) {
    const { build } = await import('vite');
    await build({ configFile: path.join(repoRoot, 'web/vite.config.ts'), logLevel: 'warn' });
  }
  server = await startTestServer();
}, 120_000);

afterEach(() => browsers.closeAll());

afterAll(async () => {
  await server?.stop();
});

describe('web UI foundation (browser)', () => {
  it('sends a first visit to the Dutch login page, logs a wijkbeheerder in, and keeps English after a reload', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/`);

    await page.waitForURL(`${server.url}/login`);
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    expect(await htmlLang(page)).toBe('nl');
    // The language switch is on the login page too.
    await page.getByRole('radiogroup', { name: 'Taal' }).waitFor();
    await screenshot(page, 'login-nl');

    const wijkbeheerder = server.demoUsers.find((u) => u.role === 'wijkbeheerder');
    expect(wijkbeheerder, 'demo data has a wijkbeheerder').toBeDefined();
    await submitLogin(page, wijkbeheerder!.username, wijkbeheerder!.password);
    await enrolSecondFactor(page);

    await page.getByRole('heading', { level: 1, name: 'Overzicht' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    // Welcomed by name, with the role in Dutch; no navigation to pages a wijkbeheerder may not open.
    await expect.poll(() => page.getByRole('main').innerText()).toContain('U bent ingelogd als Wijkbeheerder');
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await nav.getByRole('link', { name: 'Overzicht' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Gebruikers' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Logboek' }).count()).toBe(0);
    await screenshot(page, 'dashboard-nl');

    // The radio inputs of the segmented control are visually hidden; a person clicks the visible label.
    await page.getByRole('radiogroup', { name: 'Taal' }).getByText('English', { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(await htmlLang(page)).toBe('en');
    await screenshot(page, 'dashboard-en');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(await htmlLang(page)).toBe('en');
    expect(await page.getByRole('radio', { name: 'English' }).isChecked()).toBe(true);
    await expect.poll(() => page.getByRole('main').innerText()).toContain('You are logged in as Neighbourhood manager');
  });

  it('shows the Dutch error message for a wrong password and stays on the login page', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/login`);
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();

    const wijkbeheerder = server.demoUsers.find((u) => u.role === 'wijkbeheerder')!;
    await submitLogin(page, wijkbeheerder.username, `${wijkbeheerder.password}-wrong`);

    const alert = page.getByRole('alert').filter({ hasText: 'Onjuiste gebruikersnaam of wachtwoord' });
    await alert.waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    // The fields are marked invalid for assistive technology, and the password is cleared for a retry.
    expect(await page.getByLabel('Gebruikersnaam').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Wachtwoord').inputValue()).toBe('');
    await screenshot(page, 'login-wrong-password-nl');
  });
});
