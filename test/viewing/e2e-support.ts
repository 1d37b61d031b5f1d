import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { enrolSecondFactor, repoRoot, submitLogin, type Browsers } from '../support/browser.js';
import type { Toezicht } from '../../src/bin/app.js';
import type { ReportIncidentInput } from '../../src/cases/incident.service.js';
import { clockCode, readClockCode } from './clock-camera.js';

/** The UI under test must contain the current viewing pages: build it when any UI source is newer than the build. */
export async function buildWebIfStale(): Promise<void> {
  const built = path.join(repoRoot, 'dist/web/index.html');
  const newest = (dir: string): number =>
    Math.max(0, ...fs.readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).mtimeMs)));
  if (!fs.existsSync(built) || newest(path.join(repoRoot, 'web/src')) > fs.statSync(built).mtimeMs) {
    const { build } = await import('vite');
    await build({ configFile: path.join(repoRoot, 'web/vite.config.ts'), logLevel: 'warn' });
  }
}

export async function logIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await submitLogin(page, username, password);
  // Every role enrols a second factor at its first login under the shipped profiles.
  await enrolSecondFactor(page);
  await page.getByRole('heading', { level: 1, name: 'Overzicht' }).waitFor();
}

/**
 * A new page logged in as the demo account of `role`; `watch` (default) lets it play video without a
 * user gesture, in UTC, as the viewing tests need.
 */
export async function demoUserPage(browsers: Browsers, server: { url: string; demoUsers: readonly { role: string; username: string; password: string }[] }, role: string, o: { watch?: boolean } = {}): Promise<Page> {
  const page = await (o.watch === false ? browsers.newPage() : browsers.newPage({ timezoneId: 'UTC', extraArgs: ['--autoplay-policy=no-user-gesture-required'] }));
  const user = server.demoUsers.find((u) => u.role === role);
  if (!user) throw new Error(`no demo account for ${role}`);
  await logIn(page, server.url, user.username, user.password);
  return page;
}

/** Reports an incident (as the demo wijkbeheerder) over [fromMs, toMs) on these cameras: the reason a viewer gives to watch. Returns its reference. */
export async function reportIncident(toezicht: Toezicht, o: { type: ReportIncidentInput['type']; place: string; fromMs: number; toMs: number; cameraIds: string[]; description: string }): Promise<string> {
  const incident = await toezicht.cases.incidents.report(
    { type: o.type, place: o.place, occurredFrom: new Date(o.fromMs).toISOString(), occurredTo: new Date(o.toMs).toISOString(), cameraIds: o.cameraIds, description: o.description, reporter: 'Bewoner' },
    { id: null, name: 'demo', role: 'wijkbeheerder' },
  );
  return incident.ref;
}

/** Opens "Beelden bekijken", chooses live or recordings, the cameras (or none: the incident brings its own) and the incident as the reason. */
export async function chooseToWatch(page: Page, baseUrl: string, o: { live: boolean; cameras: string[]; incidentRef: string }): Promise<void> {
  // A fresh page: nothing chosen yet.
  await page.goto(baseUrl);
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Beelden bekijken' }).click();
  await page.getByRole('heading', { level: 1, name: 'Beelden bekijken' }).waitFor();
  if (o.live) await page.getByRole('radiogroup', { name: 'Wat bekijken' }).getByText('Live', { exact: true }).click();
  for (const name of o.cameras) {
    await page.getByRole('textbox', { name: 'Camera' }).click();
    await page.getByRole('option', { name: new RegExp(name) }).first().click();
    // The camera list stays open for more choices: close it as a person would.
    await page.keyboard.press('Escape');
  }
  await page.getByRole('textbox', { name: 'Reden: open incident of verzoek' }).click();
  await page.getByRole('option', { name: new RegExp(o.incidentRef) }).click();
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Live latency as the viewer sees it: for every frame the video element shows
 * (requestVideoFrameCallback), the frame is drawn on a canvas, the wall-clock time the clock camera
 * burnt into it is read back, and compared with the browser's clock at the frame's display time.
 */
export async function measureLiveLatency(page: Page, video: Locator, forMs: number): Promise<{ latency: number[]; unreadable: number }> {
  // Plain script text: the function bodies a TypeScript runner compiles may refer to its helpers, which the page lacks.
  await page.evaluate(`window.__readClock = ${readClockCode.toString()}`);
  await video.evaluate((v: HTMLVideoElement) => v.setAttribute('data-measure-latency', ''));
  await page.evaluate(
    `(() => {
      const v = document.querySelector('[data-measure-latency]');
      const layout = ${JSON.stringify(clockCode)};
      const canvas = document.createElement('canvas');
      canvas.width = v.videoWidth;
      canvas.height = v.videoHeight;
      const ctx = canvas.getContext('2d', { willReadFrequently: true });
      window.__latency = [];
      window.__unreadable = 0;
      window.__measuring = true;
      const onFrame = (now, meta) => {
        if (!window.__measuring) return;
        ctx.drawImage(v, 0, 0, canvas.width, canvas.height);
        const made = window.__readClock(ctx.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, layout);
        if (made === null) window.__unreadable++;
        else window.__latency.push(performance.timeOrigin + meta.expectedDisplayTime - made);
        v.requestVideoFrameCallback(onFrame);
      };
      v.requestVideoFrameCallback(onFrame);
    })()`,
  );
  await page.waitForTimeout(forMs);
  return page.evaluate('({ stopped: (window.__measuring = false), latency: window.__latency, unreadable: window.__unreadable })') as Promise<{ latency: number[]; unreadable: number }>;
}
