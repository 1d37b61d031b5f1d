import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../support/server.js';
import { Browsers, enrolSecondFactor, repoRoot, screenshot, submitLogin } from '../support/browser.js';

/**
 * Issue 3 item 10 in a real browser: the privacy officer reads the profile in force by article
 * with its rule IDs, starts a draft, shortens the retention limit, saves, activates it today, and
 * the public page follows. Set TOEZICHT_E2E_SCREENSHOTS=/some/dir to keep screenshots.
 */
const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');

let server: TestServer;
const browsers = new Browsers();

beforeAll(async () => {
  if (!fs.existsSync(path.join(repoRoot, 'dist/web/index.html'))) {
    const { build } = await import('vite');
    await build({ configFile: path.join(repoRoot, 'web/vite.config.ts'), logLevel: 'warn' });
  }
  server = await startTestServer();
}, 120_000);

afterAll(async () => {
  await browsers.closeAll();
  await server?.stop();
});

async function logInAsPrivacyOfficer(page: Page): Promise<void> {
  const officer = server.demoUsers.find((u) => u.role === 'privacy_officer')!;
  await page.goto(`${server.url}/login`);
  await submitLogin(page, officer.username, officer.password);
  await enrolSecondFactor(page);
  await page.getByRole('heading', { level: 1, name: 'Overzicht' }).waitFor();
}

/**
 * Serious and critical axe findings inside the page content (the shell's navigation is the
 * foundation's and is checked with it).
 */
async function seriousViolations(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string | null; nodes: { html: string }[] }[] };
    const axe = (window as unknown as { axe: { run(c: { include: string[] }): Promise<Result> } }).axe;
    const { violations } = await axe.run({ include: ['#main'] });
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 5).map((n) => n.html.slice(0, 200)) }));
  });
}

describe('the privacy officer\u2019s protocol pages (browser)', () => {
  it('shows the profile by article with rule IDs, then drafts, saves and activates a shorter retention', async () => {
    // axe is injected as a script tag, which the app's CSP would refuse: this browser bypasses the CSP.
    const page = await browsers.newPage({ bypassCSP: true });
    await logInAsPrivacyOfficer(page);

    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Protocol' }).click();
    await page.getByRole('heading', { level: 1, name: 'Protocol' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Functies en bevoegdheden' }).waitFor();
    const main = page.getByRole('main');
    await expect.poll(() => main.innerText()).toContain('Bewaartermijn: ten hoogste 28 dagen.');
    expect(await main.innerText()).toContain('DOM-4');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'protocol-profile-nl');

    await page.getByRole('tab', { name: 'Concept' }).click();
    await page.getByRole('button', { name: 'Concept maken' }).click();
    const limit = page.getByLabel('Ten hoogste (dagen)');
    await limit.waitFor();
    await limit.fill('14');
    await page.getByRole('button', { name: 'Valideren' }).click();
    await page.getByText('Het profiel is geldig.').waitFor();
    await page.getByRole('button', { name: 'Concept opslaan' }).click();
    await page.getByText('Concept opgeslagen').waitFor();
    expect(await page.getByRole('table', { name: 'Opgeslagen wijzigingen' }).innerText()).toContain('retention.limitDays');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'protocol-draft-nl');

    await page.getByRole('button', { name: 'Activeren' }).click();
    await page.getByText('Versie geactiveerd').waitFor();
    await page.getByRole('tab', { name: 'Versies', selected: true }).waitFor();
    const versions = page.getByRole('table', { name: 'Alle versies, nieuwste eerst' });
    await expect.poll(() => versions.innerText()).toContain('Geldend');
    expect(await versions.innerText()).toContain('Vervangen');
    const changes = page.getByRole('table', { name: 'Gewijzigde velden' });
    await expect.poll(() => changes.innerText()).toContain('retention.limitDays');
    await screenshot(page, 'protocol-versions-nl');

    const publicPage = await page.context().newPage();
    await publicPage.goto(`${server.url}/protocol`);
    expect(await publicPage.getByRole('main').innerText()).toContain('na ten hoogste 14 dagen');
    await publicPage.close();
  });
});
