import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { listProfiles } from '../../src/protocol/profiles/index.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * Issue 3 acceptance: the public protocol page of each of the five profiles renders in a real
 * browser and passes an automated accessibility check (axe-core) with no serious or critical
 * violations, in Dutch and in English; the PDF is a PDF that names the version.
 *
 * Set TOEZICHT_E2E_SCREENSHOTS=/some/dir to keep a screenshot of each page.
 */
const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const executablePath = process.env.TOEZICHT_CHROMIUM ?? '/usr/bin/chromium';
const screenshotDir = process.env.TOEZICHT_E2E_SCREENSHOTS;
const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: { target: string[] }[];
}

/** A browser per server: closing it first lets the server close without waiting on kept-alive connections. */
async function launch(): Promise<{ context: BrowserContext; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'toezicht-chromium-'));
  // axe is injected as a script tag: the page's own CSP (script-src 'self') would refuse it, so the
  // test browser bypasses the CSP. The page itself carries no script at all (checked below).
  const context = await chromium.launchPersistentContext(dir, { executablePath, headless: true, args: chromiumArgs, bypassCSP: true, viewport: { width: 1280, height: 900 } });
  return { context, dir };
}

async function axe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

describe.each(listProfiles().map((p) => p.id))('the public protocol page under the %s profile (browser, axe-core)', (profileId) => {
  let server: TestServer;
  let browser: { context: BrowserContext; dir: string };
  const pages: Page[] = [];

  beforeAll(async () => {
    server = await startTestServer({ profile: profileId });
    browser = await launch();
  }, 60_000);
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.close();
  });
  afterAll(async () => {
    await browser?.context.close();
    if (browser) fs.rmSync(browser.dir, { recursive: true, force: true });
    await server?.stop();
  });

  it.each(['nl', 'en'] as const)('renders in %s with no serious or critical accessibility violations', async (language) => {
    const page = await browser.context.newPage();
    pages.push(page);
    const response = await page.goto(`${server.url}/protocol${language === 'en' ? '?lang=en' : ''}`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(await page.locator('html').getAttribute('lang')).toBe(language);
    const profile = server.toezicht.profile.current();
    await page.getByRole('heading', { level: 1, name: profile.title }).waitFor();
    const main = await page.getByRole('main').innerText();
    expect(main).toContain(language === 'nl' ? `Versie ${profile.version.profile}, geldig vanaf` : `Version ${profile.version.profile}, in force from`);
    expect(await page.locator('script').count()).toBe(0);
    // Landmarks and a heading per section, in order.
    expect(await page.getByRole('banner').count()).toBe(1);
    expect(await page.getByRole('contentinfo').count()).toBe(1);
    expect(await page.getByRole('heading', { level: 2 }).count()).toBe(9);

    const violations = await axe(page);
    const severe = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(severe, JSON.stringify(severe, null, 2)).toEqual([]);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    if (screenshotDir) {
      fs.mkdirSync(screenshotDir, { recursive: true });
      await page.screenshot({ path: path.join(screenshotDir, `protocol-${profileId}-${language}.png`), fullPage: true });
    }
  });

  it('serves the PDF, which starts with %PDF and names the version', async () => {
    const res = await browser.context.request.get(`${server.url}/protocol.pdf`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    const bytes = await res.body();
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.toString('latin1')).toContain(`versie ${server.toezicht.profile.current().version.profile}`);
  });
});
