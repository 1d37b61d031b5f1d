import { expect } from 'vitest';
import type { Role } from '../../src/auth/roles.js';
import type { Clock } from '../../src/platform/clock.js';
import type { TestApp } from '../support/app.js';

/**
 * Activates a new version of the protocol profile in which `roles` may lift privacy masks: the
 * shipped seeds grant it to nobody (DOM-2), so an organisation that wants a lift decides so in
 * its own protocol, as a privacy officer, through the versions API.
 */
export async function grantMaskLift(t: TestApp, clock: Clock, roles: Role[]): Promise<void> {
  const officer = await t.loginAs('privacy_officer');
  const created = await officer.post('/api/protocol/drafts');
  expect(created.status).toBe(201);
  const draft = ((await created.json()) as { version: { id: string; profile: { grants: { permission: string; roles: string[]; note?: string }[] } } }).version;
  const profile = structuredClone(draft.profile);
  const grant = profile.grants.find((g) => g.permission === 'lift_privacy_masks')!;
  grant.roles = roles;
  grant.note = 'Test: this organisation lets these roles lift masks for a stated reason.';
  const saved = await officer.request('PUT', `/api/protocol/versions/${draft.id}`, { profile });
  expect(saved.status, await saved.clone().text()).toBe(200);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(clock.now());
  const activated = await officer.post(`/api/protocol/versions/${draft.id}/activate`, { effectiveFrom: today });
  expect(activated.status, await activated.clone().text()).toBe(200);
}

export const neighboursWindow = { name: 'Raam nr. 12', points: [{ x: 0.1, y: 0.1 }, { x: 0.45, y: 0.08 }, { x: 0.5, y: 0.4 }, { x: 0.3, y: 0.55 }, { x: 0.08, y: 0.35 }] };
export const publicRoad = { name: 'Openbare weg', points: [{ x: 0, y: 0.8 }, { x: 1, y: 0.8 }, { x: 1, y: 1 }, { x: 0, y: 1 }] };
