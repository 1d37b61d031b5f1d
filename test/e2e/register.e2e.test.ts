import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { base32Decode, totp } from '../../src/auth/totp.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { tinyPdf } from '../register/fixtures.js';

/**
 * The camera register in a real browser against the real server, under the Soest profile: the
 * beheerder adds a site and a camera, tries to activate it and is refused with the rule (SOE-0);
 * the privacy officer records the assessment and the DPIA with a document; then activation works.
 *
 * Set TOEZICHT_E2E_SCREENSHOTS=/some/dir to keep a screenshot of each step.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const executablePath = process.env.TOEZICHT_CHROMIUM ?? '/usr/bin/chromium';
const screenshotDir = process.env.TOEZICHT_E2E_SCREENSHOTS;
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let server: TestServer;
const open: { context: BrowserContext; dir: string }[] = [];

/** Logs a demo account in over HTTP (with its second factor) and returns a browser page holding that session. */
async function pageAs(role: string): Promise<Page> {
  const user = server.demoUsers.find((u) => u.role === role)!;
  const post = async (url: string, body: unknown, cookie = '', csrf = '') => {
    const res = await fetch(`${server.url}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}) },
      body: JSON.stringify(body),
    });
    return { res, json: (await res.json()) as Record<string, string> };
  };
  const login = await post('/api/auth/login', { username: user.username, password: user.password });
  const token = /toezicht_session=([^;]+)/.exec(login.res.headers.get('set-cookie') ?? '')![1]!;
  const cookie = `toezicht_session=${token}`;
  if (login.json.stage === 'totp_enrolment_required') {
    const { json } = await post('/api/auth/totp/enrol', {}, cookie, login.json.csrfToken);
    const confirm = await post('/api/auth/totp/confirm', { code: totp(base32Decode(json.secret!), new Date()) }, cookie, login.json.csrfToken);
    expect(confirm.json.stage).toBe('ok');
  } else {
    expect(login.json.stage).toBe('ok');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-chromium-'));
  const context = await chromium.launchPersistentContext(dir, { executablePath, headless: true, args: chromiumArgs, locale: 'nl-NL', viewport: { width: 1280, height: 900 }, bypassCSP: true });
  open.push({ context, dir });
  await context.addCookies([{ name: 'toezicht_session', value: token, url: server.url, httpOnly: true, sameSite: 'Lax' }]);
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  return page;
}

async function screenshot(page: Page, name: string): Promise<void> {
  if (!screenshotDir) return;
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Serious and critical axe findings in the page content and any open dialog. */
async function seriousViolations(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string | null; nodes: { html: string }[] }[] };
    const axe = (window as unknown as { axe: { run(c: { include: string[] }): Promise<Result> } }).axe;
    const include = ['#main', ...(document.querySelector('[role="dialog"]') ? ['[role="dialog"]'] : [])];
    const { violations } = await axe.run({ include });
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 5).map((n) => n.html.slice(0, 200)) }));
  });
}

/** Picks an option of a Mantine Select by its label. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('textbox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(repoRoot, 'dist/web/index.html'))) {
    const { build } = await import('vite');
    await build({ configFile: path.join(repoRoot, 'web/vite.config.ts'), logLevel: 'warn' });
  }
  server = await startTestServer({ profile: 'soest' });
}, 120_000);

afterAll(async () => {
  for (const { context, dir } of open.splice(0)) {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  await server?.stop();
});

describe('camera register (browser)', () => {
  it('adds a site and a camera, is refused activation naming SOE-0, records the approvals, then activates', async () => {
    const beheerder = await pageAs('beheerder');
    await beheerder.goto(`${server.url}/register`);
    await beheerder.getByRole('heading', { level: 1, name: 'Cameraregister' }).waitFor();
    await beheerder.getByText('Er staan nog geen locaties in het register.', { exact: false }).waitFor();

    await beheerder.getByRole('button', { name: 'Locatie toevoegen' }).click();
    const siteForm = beheerder.getByRole('dialog', { name: 'Locatie toevoegen' });
    await siteForm.getByRole('textbox', { name: 'Naam', exact: true }).fill('Gemeentehuis Soest');
    await siteForm.getByRole('textbox', { name: 'Organisatie', exact: true }).fill('Gemeente Soest');
    await siteForm.getByRole('textbox', { name: 'Adres', exact: true }).fill('Raadhuisplein 1, 3764 AN Soest');
    await screenshot(beheerder, 'register-site-form');
    expect(await seriousViolations(beheerder)).toEqual([]);
    await siteForm.getByRole('button', { name: 'Opslaan' }).click();
    await beheerder.getByRole('heading', { level: 1, name: 'Gemeentehuis Soest' }).waitFor();

    await beheerder.getByRole('button', { name: 'Camera toevoegen' }).click();
    const cameraForm = beheerder.getByRole('dialog', { name: 'Camera toevoegen' });
    await cameraForm.getByRole('textbox', { name: 'Naam', exact: true }).fill('Publiekshal');
    await choose(beheerder, 'Soort ruimte', 'Publiekshal');
    await cameraForm.getByRole('textbox', { name: 'Plaats', exact: true }).fill('Publiekshal, boven de balie');
    await cameraForm.getByRole('checkbox', { name: 'Bezoekers en medewerkers beschermen' }).check();
    await cameraForm.getByRole('textbox', { name: 'Verantwoordelijke', exact: true }).fill('Team Facilitair');
    for (const limit of ['Alleen gemeenschappelijke ruimten', 'Geen geluid', 'Niet om medewerkers te controleren']) {
      await cameraForm.getByRole('checkbox', { name: new RegExp(`^${limit}`) }).check();
    }
    await cameraForm.getByRole('textbox', { name: 'Waar hangen de borden', exact: true }).fill('Bij beide ingangen van het gemeentehuis');
    await cameraForm.getByRole('textbox', { name: 'Camera-adres (RTSP)', exact: true }).fill('rtsps://192.0.2.10:322/stream1');
    await cameraForm.getByRole('textbox', { name: 'Gebruikersnaam camera', exact: true }).fill('toezicht');
    await cameraForm.getByLabel('Wachtwoord camera', { exact: true }).fill('Browser-Camera-Secret-1');
    await screenshot(beheerder, 'register-camera-form');
    expect(await seriousViolations(beheerder)).toEqual([]);
    await cameraForm.getByRole('button', { name: 'Opslaan' }).click();
    await beheerder.getByRole('heading', { level: 1, name: 'Publiekshal' }).waitFor();
    const cameraUrl = beheerder.url();
    expect(await beheerder.getByRole('main').innerText()).not.toContain('Browser-Camera-Secret-1');

    // Refused: nothing the profile requires is approved yet; the alert names the rule.
    await beheerder.getByRole('button', { name: 'Activeren' }).click();
    const refusal = beheerder.getByRole('alert').filter({ hasText: 'SOE-0' });
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('proportionaliteit');
    await screenshot(beheerder, 'register-activation-refused');
    expect(await seriousViolations(beheerder)).toEqual([]);

    // The privacy officer records the assessment and the DPIA, each with its document.
    const privacy = await pageAs('privacy_officer');
    await privacy.goto(cameraUrl);
    await privacy.getByRole('heading', { level: 1, name: 'Publiekshal' }).waitFor();
    const document = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-doc-')), 'DPIA publiekshal.pdf');
    fs.writeFileSync(document, tinyPdf);
    for (const kind of ['Afweging noodzaak en proportionaliteit', 'DPIA']) {
      await privacy.getByRole('button', { name: 'Goedkeuring vastleggen' }).click();
      const form = privacy.getByRole('dialog', { name: 'Afweging of goedkeuring vastleggen' });
      expect(await form.getByRole('textbox', { name: 'Soort', exact: true }).inputValue()).toBe(kind);
      await form.getByRole('textbox', { name: 'Besloten door', exact: true }).fill('Gemeentesecretaris');
      await form.locator('input[type="file"]').setInputFiles(document);
      await form.getByRole('button', { name: 'Vastleggen' }).click();
      await form.waitFor({ state: 'detached' });
      await privacy.getByRole('cell', { name: kind, exact: false }).first().waitFor();
    }
    await screenshot(privacy, 'register-approvals');
    expect(await seriousViolations(privacy)).toEqual([]);

    await beheerder.reload();
    await beheerder.getByText('Alles wat het protocol vraagt is vastgelegd', { exact: false }).waitFor();
    await beheerder.getByRole('button', { name: 'Activeren' }).click();
    await beheerder.getByText('Actief', { exact: true }).first().waitFor();
    await expect.poll(async () => (await server.toezicht.register.camerasAllowedToRecord()).map((c) => c.name)).toEqual(['Publiekshal']);
    await screenshot(beheerder, 'register-camera-active');
    expect(await seriousViolations(beheerder)).toEqual([]);

    // The site lists the camera as active; the register's front page shows the site.
    await beheerder.getByRole('link', { name: 'Terug naar Gemeentehuis Soest' }).click();
    await beheerder.getByRole('heading', { level: 1, name: 'Gemeentehuis Soest' }).waitFor();
    await beheerder.getByRole('cell', { name: 'Actief', exact: true }).waitFor();
    await screenshot(beheerder, 'register-site');
    expect(await seriousViolations(beheerder)).toEqual([]);
    await beheerder.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Cameraregister' }).click();
    await beheerder.getByRole('link', { name: 'Gemeentehuis Soest' }).waitFor();
    expect(await beheerder.getByRole('main').innerText()).toContain('Camera’s: 1 (actief: 1)');
    await screenshot(beheerder, 'register-front');
    expect(await seriousViolations(beheerder)).toEqual([]);
  }, 90_000);
});
