import { describe, expect, it } from 'vitest';
import { sessionExpired, sessionStage } from './session.js';

describe('sessionStage', () => {
  it.each([
    [{ totpEnabled: false, mustChangePassword: false, role: 'wijkbeheerder' }, false, 'ok'],
    [{ totpEnabled: true, mustChangePassword: false, role: 'wijkbeheerder' }, false, 'totp_required'],
    [{ totpEnabled: true, mustChangePassword: false, role: 'wijkbeheerder' }, true, 'ok'],
    [{ totpEnabled: true, mustChangePassword: true, role: 'admin' }, false, 'totp_required'],
    [{ totpEnabled: true, mustChangePassword: true, role: 'admin' }, true, 'password_change_required'],
    [{ totpEnabled: false, mustChangePassword: true, role: 'admin' }, false, 'password_change_required'],
    [{ totpEnabled: false, mustChangePassword: false, role: 'admin' }, false, 'totp_enrolment_required'],
  ] as const)('%o, mfa passed %s → %s', (user, mfaPassed, stage) => {
    expect(sessionStage(user, mfaPassed, ['admin'])).toBe(stage);
  });
});

describe('sessionExpired', () => {
  const now = new Date('2026-01-05T12:00:00Z');
  it.each([
    ['2026-01-05T11:45:00Z', '2026-01-05T20:00:00Z', false],
    ['2026-01-05T11:30:00Z', '2026-01-05T20:00:00Z', true],
    ['2026-01-05T11:59:00Z', '2026-01-05T12:00:00Z', true],
  ])('last seen %s, absolute end %s → expired %s', (lastSeenAt, expiresAt, expired) => {
    expect(sessionExpired({ lastSeenAt, expiresAt }, now, 30)).toBe(expired);
  });
});
