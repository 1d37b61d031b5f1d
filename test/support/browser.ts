import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { base32Decode, totp } from '../../src/auth/totp.js';

/**
 * What every browser test shares: Debian's Chromium started headless as root with the flags this
 * machine needs, a fresh profile per page, screenshots on request, the login form and the
 * second-factor enrolment a person goes through at first login.
 */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const executablePath = process.env.TOEZICHT_CHROMIUM ?? '/usr/bin/chromium';
const screenshotDir = process.env.TOEZICHT_E2E_SCREENSHOTS;

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface PageOptions {
  locale?: string;
  timezoneId?: string;
  viewport?: { width: number; height: number };
  bypassCSP?: boolean;
  extraArgs?: string[];
  timeoutMs?: number;
}

/** Opens pages, each in its own fresh Chromium profile, and closes them all in `closeAll()` (afterEach/afterAll). */
export class Browsers {
  private readonly open: { context: BrowserContext; dir: string }[] = [];

  async newPage(options: PageOptions = {}): Promise<Page> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-chromium-'));
    const context = await chromium.launchPersistentContext(dir, {
      executablePath,
      headless: true,
      args: [...chromiumArgs, ...(options.extraArgs ?? [])],
      locale: options.locale ?? 'nl-NL',
      viewport: options.viewport ?? { width: 1280, height: 900 },
      ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
      ...(options.bypassCSP ? { bypassCSP: true } : {}),
    });
    this.open.push({ context, dir });
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(options.timeoutMs ?? 15_000);
    return page;
  }

  async closeAll(): Promise<void> {
    for (const { context, dir } of this.open.splice(0)) {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** Keeps a screenshot when TOEZICHT_E2E_SCREENSHOTS names a directory. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!screenshotDir) return;
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Fills and submits the Dutch login form. */
export async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

/**
 * First login under a profile that requires a second factor: read the secret the page shows (as a
 * person would type it into an authenticator app), answer with the current code, confirm the
 * recovery codes were saved.
 */
export async function enrolSecondFactor(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Tweestapsverificatie instellen' }).first().waitFor();
  const secret = (await page.locator('.secret').innerText()).replace(/\s+/g, '');
  await page.getByLabel('Code uit de app').fill(totp(base32Decode(secret), new Date()));
  await page.getByRole('button', { name: 'Bevestigen' }).click();
  await page.getByText('Bewaar uw herstelcodes').waitFor();
  await page.getByRole('button', { name: 'Ik heb ze bewaard' }).click();
}
