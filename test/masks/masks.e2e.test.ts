import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCameras } from '../../src/bin/demo.js';
import { Browsers } from '../support/browser.js';
import { startTestServer } from '../support/server.js';
import { buildWebIfStale, demoUserPage } from '../viewing/e2e-support.js';

/**
 * Drawing a privacy mask in Chromium (issue 9 item 4): the admin (Domijn: manage_cameras, DOM-7)
 * opens a camera's masks from the camera page, draws a polygon by clicking the drawing area, names
 * it, saves it with a reason and sees the version; then moves a corner with the keyboard (the
 * coordinate inputs) and saves a second version. The server's store is checked, not only the page.
 */
type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let page: Page;
let cameraId = '';
const browsers = new Browsers();

beforeAll(async () => {
  await buildWebIfStale();
  server = await startTestServer();
  cameraId = (await seedDemoCameras(server.toezicht))[0] ?? '';
  expect(cameraId).toBeTruthy();
  page = await demoUserPage(browsers, server, 'admin', { watch: false });
}, 180_000);

afterAll(async () => {
  await browsers.closeAll();
  await server?.stop();
});

describe('privacy masks (browser)', () => {
  it('draws a mask over the camera picture, saves it with a reason, and edits a corner from the keyboard', async () => {
    await page.goto(`${server.url}/register/camera?id=${cameraId}`);
    await page.getByRole('link', { name: 'Privacymaskers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Privacymaskers: Entree' }).waitFor();
    // Domijn: the admin may not view footage (DOM-4), so no still is shown: a blank area to draw on.
    await page.getByRole('img', { name: /Geen stilstaand beeld/ }).waitFor();

    await page.getByRole('button', { name: 'Nieuw masker' }).click();
    const canvas = page.getByTestId('mask-canvas');
    const box = (await canvas.boundingBox())!;
    for (const [x, y] of [[0.1, 0.1], [0.5, 0.1], [0.3, 0.6]] as const) await canvas.click({ position: { x: box.width * x, y: box.height * y } });
    await page.getByLabel('Naam van het masker').fill('Raam nr. 12');
    await page.getByLabel('Reden', { exact: false }).first().fill('DOM-2: raam van nr. 12 in beeld');
    await page.getByRole('button', { name: 'Maskers opslaan' }).click();
    await page.getByText('Opgeslagen als versie 1.').waitFor();
    await page.getByRole('cell', { name: 'DOM-2: raam van nr. 12 in beeld' }).waitFor();

    const first = await server.toezicht.masks.service.current(cameraId);
    expect(first).toMatchObject({ version: 1, reason: 'DOM-2: raam van nr. 12 in beeld', createdBy: 'admin' });
    expect(first!.polygons).toHaveLength(1);
    expect(first!.polygons[0]!.name).toBe('Raam nr. 12');
    const corners = first!.polygons[0]!.points;
    expect(corners).toHaveLength(3);
    for (const [i, [x, y]] of ([[0.1, 0.1], [0.5, 0.1], [0.3, 0.6]] as const).entries()) {
      expect(corners[i]!.x).toBeCloseTo(x, 2);
      expect(corners[i]!.y).toBeCloseTo(y, 2);
    }

    // Keyboard: the first corner's x, typed.
    const x1 = page.getByLabel('x van hoekpunt 1 van Raam nr. 12');
    await x1.fill('0.05');
    await x1.press('Tab');
    await page.getByLabel('Reden', { exact: false }).first().fill('Raam iets breder afgeschermd');
    await page.getByRole('button', { name: 'Maskers opslaan' }).click();
    await page.getByText('Opgeslagen als versie 2.').waitFor();
    const second = await server.toezicht.masks.service.current(cameraId);
    expect(second!.version).toBe(2);
    expect(second!.polygons[0]!.points[0]!.x).toBeCloseTo(0.05, 5);
    // Both versions are listed, and both changes are in the logboek.
    await page.getByRole('cell', { name: 'Raam iets breder afgeschermd' }).waitFor();
    const log = await server.toezicht.database.db.selectFrom('logbook_entries').select('action').where('action', '=', 'privacy_mask.saved').execute();
    expect(log).toHaveLength(2);
  });
});
