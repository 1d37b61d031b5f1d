import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { boxAt } from '../../src/redaction/track.js';
import { startTestServer } from '../support/server.js';
import { Browsers, enrolSecondFactor, repoRoot, screenshot, submitLogin } from '../support/browser.js';
import { figures, recordScene, truth } from '../redaction/analysis.support.js';

/**
 * Issue 9's review UI in a real browser against the real server (Wooncompas, WCP-7): from an allowed
 * data subject's access request the wijkbeheerder opens the redacted-copy page, analyses the camera,
 * marks the requester's track, chooses a solid fill, draws a manual box at two keyframes, looks at
 * the preview, saves (logged), makes and seals the copy and finds the export on the request.
 * Set TOEZICHT_E2E_SCREENSHOTS=/some/dir to keep screenshots.
 */
type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
const browsers = new Browsers();
const anchorMs = Math.floor(Date.now() / 1000) * 1000 - 120_000;
const iso = (ms: number) => new Date(ms).toISOString();
let request: { id: string; ref: string };

async function logIn(page: Page, role: string): Promise<void> {
  const user = server.demoUsers.find((u) => u.role === role)!;
  await page.goto(`${server.url}/login`);
  await submitLogin(page, user.username, user.password);
  await enrolSecondFactor(page);
  await page.getByRole('heading', { level: 1, name: 'Overzicht' }).waitFor();
}

/** Drags a rectangle over the frame, in shares of its size. */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  // Centred, so the fixed top bar does not cover the part of the frame the drag starts in.
  await page.getByTestId('redaction-frame').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const area = (await page.getByTestId('redaction-frame').boundingBox())!;
  await page.mouse.move(area.x + from.x * area.width, area.y + from.y * area.height);
  await page.mouse.down();
  await page.mouse.move(area.x + ((from.x + to.x) / 2) * area.width, area.y + ((from.y + to.y) / 2) * area.height, { steps: 4 });
  await page.mouse.move(area.x + to.x * area.width, area.y + to.y * area.height, { steps: 4 });
  await page.mouse.up();
}

/** Mean of R, G and B over an image, in the page (a canvas). */
function meanBrightness(img: HTMLImageElement): number {
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  let sum = 0;
  for (let i = 0; i < data.length; i += 4) sum += (data[i]! + data[i + 1]! + data[i + 2]!) / 3;
  return sum / (data.length / 4);
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(repoRoot, 'dist/web/index.html'))) {
    const { build } = await import('vite');
    await build({ configFile: path.join(repoRoot, 'web/vite.config.ts'), logLevel: 'warn' });
  }
  server = await startTestServer({ profile: 'wooncompas' });
  await recordScene(server.toezicht, 'cam-hal', { anchorMs, seconds: 8 });
  const actor = { id: 'u-wijk', name: 'wijkbeheerder', role: 'wijkbeheerder' } as never;
  const { requests } = server.toezicht.cases;
  const filed = await requests.file({
    kind: 'access', channel: 'letter', requester: { category: 'data_subject', name: 'A. Bewoner', contact: 'a@example.test' },
    details: { window: { location: 'Hal', from: iso(anchorMs), to: iso(anchorMs + 8_000), cameraIds: ['cam-hal'] } },
  } as never, actor);
  await requests.step(filed.id, { type: 'record_fact', fact: 'own_images_checked', note: 'Bewoner herkend' }, actor);
  await requests.step(filed.id, { type: 'decide', decision: 'allow', outcome: 'digital_copy' as never, reasons: 'Kopie eigen beelden, anderen onherkenbaar.' }, actor);
  request = { id: filed.id, ref: filed.ref };
}, 180_000);

afterEach(() => browsers.closeAll());
afterAll(async () => {
  await server?.stop();
});

describe('redaction review (browser)', () => {
  it('analyse, mark the requester, draw a manual box at two keyframes, preview, save, make the copy, find the export', async () => {
    const page = await browsers.newPage();
    await logIn(page, 'wijkbeheerder');
    await page.goto(`${server.url}/cases/request?id=${request.id}`);
    await page.getByRole('link', { name: 'Geredigeerde kopie maken' }).click();
    await page.getByRole('heading', { level: 1, name: `Geredigeerde kopie · ${request.ref}` }).waitFor();

    await page.getByRole('button', { name: 'Analyseer cam-hal' }).click();
    await page.getByRole('heading', { level: 2, name: 'Gevonden sporen' }).waitFor({ timeout: 90_000 });
    const analyses = await server.toezicht.redaction.analysis.forCase(request.ref);
    const tracks = await server.toezicht.redaction.analysis.tracks(analyses[0]!.id);
    const a = tracks.find((tr) => tr.kind === 'person' && boxAt(tr, 3000) && Math.abs(boxAt(tr, 3000)!.y - truth(figures[0], 3)!.y) < 0.03)!;
    expect(a, 'a track for figure A').toBeTruthy();
    // Every track has its thumbnail in the list.
    await expect.poll(() => page.getByRole('img', { name: `Miniatuur van spoor ${a.id}` }).evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

    await page.getByRole('checkbox', { name: `${a.id} is de verzoeker` }).check();
    await page.getByRole('radio', { name: 'Effen vlak' }).check();

    // A manual box (a neighbour's window) at 0:00.0, then at the end of the clip.
    await page.getByRole('button', { name: 'Nieuw handmatig vak' }).click();
    await page.getByRole('status').filter({ hasText: 'Sleep over het beeld' }).waitFor();
    await drag(page, { x: 0.8, y: 0.05 }, { x: 0.9, y: 0.15 });
    await page.getByLabel('Omschrijving').fill('raam buren');
    const scrubber = page.getByRole('slider', { name: 'Moment in de clip' });
    await scrubber.focus();
    await page.keyboard.press('End');
    await page.getByText('Moment 0:08.0').waitFor();
    await page.getByRole('button', { name: 'Teken m1 op 0:08.0' }).click();
    await drag(page, { x: 0.85, y: 0.05 }, { x: 0.95, y: 0.15 });
    await page.getByText('Sleutelmomenten (2): 0:00.0, 0:08.0').waitFor();
    // Without a pointer: a second box typed in per cent of the frame at this moment.
    await page.getByRole('button', { name: 'Nieuw handmatig vak' }).click();
    const numeric = page.getByRole('group', { name: 'Vak m2 op 0:08.0 in procenten van het beeld' });
    await numeric.getByLabel('Links').fill('5');
    await page.getByText('Sleutelmomenten (1): 0:08.0').waitFor();
    await screenshot(page, 'redaction-review');

    // The preview of the result at this moment.
    await page.getByText('Voorbeeld van het resultaat').click();
    const preview = page.getByRole('img', { name: 'Voorbeeld van de geredigeerde kopie op 0:08.0' });
    await expect.poll(() => preview.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 20_000 }).toBe(true);
    // At 0:08.0 the kept track has ended: keep-only with a fill leaves nothing of the frame (the original there is a grey hall).
    expect(await preview.evaluate(meanBrightness)).toBeLessThan(30);
    await page.getByText('Origineel met vakken').click();
    const original = page.getByRole('img', { name: 'Origineel beeld op 0:08.0' });
    await expect.poll(() => original.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 20_000 }).toBe(true);
    expect(await original.evaluate(meanBrightness)).toBeGreaterThan(60);
    await screenshot(page, 'redaction-preview');

    await page.getByRole('button', { name: 'Keuzes opslaan' }).click();
    await page.getByText(/Opgeslagen \(versie 1/).waitFor();
    await page.getByRole('button', { name: 'Kopie maken en verzegelen' }).click();
    const password = await page.getByRole('status').filter({ hasText: 'maar één keer' }).locator('code').innerText();
    expect(password).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){5}$/);
    await page.getByRole('link', { name: 'Klaar: naar de export bij het verzoek' }).click({ timeout: 120_000 });

    // The export is on the request.
    await page.getByRole('heading', { level: 2, name: 'Verstrekkingen (export)' }).waitFor();
    await expect.poll(() => page.getByRole('main').innerText()).toMatch(/A\. Bewoner/);
    await screenshot(page, 'redaction-export');
    const exports = await server.toezicht.exports.forCase(request.ref);
    expect(exports).toHaveLength(1);

    // Every choice is in the logboek.
    const saved = await server.toezicht.database.db.selectFrom('logbook_entries').select('subject').where('action', '=', 'redaction.review_saved').execute();
    expect(saved).toHaveLength(1);
    const subject = JSON.parse(saved[0]!.subject) as { keep: string[]; style: string; manual: { id: string; label: string; keyframes: { t: number }[] }[] };
    expect(subject).toMatchObject({ keep: [a.id], style: 'fill', manual: [{ id: 'm1', label: 'raam buren', keyframes: [{ t: 0 }, { t: 8000 }] }, { id: 'm2', keyframes: [{ t: 8000, x: 0.05 }] }] });
  }, 300_000);
});
