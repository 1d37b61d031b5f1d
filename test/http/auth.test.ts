import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/platform/clock.js';
import { base32Decode, totp } from '../../src/auth/totp.js';
import { dialects } from '../support/databases.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/app.js';

interface Problem { code: string; status: number; field?: string; lockedUntil?: string; errors?: { field: string }[] }

describe.each(dialects)('accounts and login on %s', (dialect) => {
  let t: TestApp;
  const clock = new ManualClock('2026-03-03T20:00:00Z');

  beforeAll(async () => {
    t = await createTestApp(dialect, { clock });
    await t.loginAs('wijkbeheerder', 'wim');
  }, 60_000);
  afterAll(() => t.close());

  it('locks an account after repeated failures; every attempt is in the attempt list and the logboek', async () => {
    const c = t.client('203.0.113.9');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await c.login('wim', 'not-the-password')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 423, 423]);
    // Even the right password is refused while locked.
    const locked = await c.login('wim', TEST_PASSWORD);
    expect(locked.status).toBe(423);
    const problem = (await locked.json()) as Problem;
    expect(problem.code).toBe('locked');
    expect(new Date(problem.lockedUntil!).getTime()).toBeGreaterThan(clock.now().getTime());
    await c.login('nobody-here', 'whatever-password');

    const auditor = await t.loginAs('auditor');
    const attempts = (await (await auditor.get('/api/login-attempts?limit=50')).json()) as { attempts: { usernameTried: string; outcome: string; ip: string; userAgent: string }[] };
    const forWim = attempts.attempts.filter((a) => a.usernameTried === 'wim').map((a) => a.outcome);
    expect(forWim.filter((o) => o === 'wrong_password')).toHaveLength(5);
    expect(forWim.filter((o) => o === 'locked')).toHaveLength(2);
    expect(attempts.attempts.find((a) => a.usernameTried === 'nobody-here')).toMatchObject({ outcome: 'unknown_user', ip: '203.0.113.9', userAgent: 'toezicht-test' });

    const log = (await (await auditor.get('/api/logbook?action=auth&limit=200')).json()) as { entries: { action: string; subject: Record<string, unknown>; ip: string | null }[] };
    const failed = log.entries.filter((e) => e.action === 'auth.login_failed' && e.subject.username === 'wim');
    expect(failed.map((e) => e.subject.outcome).sort()).toEqual(['locked', 'locked', 'wrong_password', 'wrong_password', 'wrong_password', 'wrong_password', 'wrong_password']);
    expect(log.entries.some((e) => e.action === 'auth.account_locked' && e.subject.username === 'wim')).toBe(true);
    expect(log.entries.some((e) => e.action === 'auth.login_failed' && e.subject.username === 'nobody-here')).toBe(true);
    expect(JSON.stringify(log.entries)).not.toContain('not-the-password');

    // The lock ends by itself; a success resets the counter.
    clock.advance(2 * 60_000);
    expect((await c.login('wim', TEST_PASSWORD)).status).toBe(200);
  });

  it('validates input with problem JSON naming the field, never a 500', async () => {
    const c = t.client();
    const empty = await c.post('/api/auth/login', { username: '' });
    expect(empty.status).toBe(400);
    const body = (await empty.json()) as Problem;
    expect(body.code).toBe('invalid_input');
    expect(body.errors!.map((e) => e.field).sort()).toEqual(['password', 'username']);
    expect(empty.headers.get('content-type')).toContain('application/problem+json');
    const malformed = await c.request('POST', '/api/auth/login', '{"username":', { 'content-type': 'application/json' });
    expect(malformed.status).toBe(400);

    const admin = await t.loginAs('admin');
    const bad = await admin.post('/api/users', { username: 'x', displayName: '', role: 'koning', kind: 'internal' });
    expect(bad.status).toBe(400);
    const fields = ((await bad.json()) as Problem).errors!.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['username', 'displayName', 'role']));
    const external = await admin.post('/api/users', { username: 'agent-k', displayName: 'Agent K', role: 'police', kind: 'external' });
    expect(((await external.json()) as Problem).field).toBe('expiresAt');
    expect((await t.toezicht.users.findByUsername('agent-k'))).toBeNull();
    // Domijn's protocol has no 'beheerder': no account gets a role the profile does not declare.
    const undeclared = await admin.post('/api/users', { username: 'bert', displayName: 'Bert', role: 'beheerder', kind: 'internal' });
    expect(undeclared.status).toBe(400);
    expect(((await undeclared.json()) as Problem)).toMatchObject({ code: 'role_not_in_protocol', field: 'role' });
  });

  it('refuses state-changing requests without the CSRF token', async () => {
    const c = await t.loginAs('admin');
    const res = await c.request('POST', '/api/users', { username: 'csrf-victim', displayName: 'X', role: 'auditor', kind: 'internal' }, { 'x-csrf-token': 'forged' });
    expect(res.status).toBe(403);
    expect(((await res.json()) as Problem).code).toBe('csrf');
    const crossSite = await t.client().request('POST', '/api/auth/login', { username: 'wim', password: TEST_PASSWORD }, { origin: 'https://evil.example', host: 'toezicht.local' });
    expect(crossSite.status).toBe(403);
  });

  it('requires a second factor for roles that administer, and accepts TOTP and recovery codes once', async () => {
    const admin = t.client();
    await t.toezicht.users.create({ username: 'ada', displayName: 'Ada', role: 'admin', kind: 'internal', password: TEST_PASSWORD }, { id: null, name: 'test', role: null });
    const first = (await (await admin.login('ada')).json()) as { stage: string };
    expect(first.stage).toBe('totp_enrolment_required');
    expect((await admin.get('/api/users')).status).toBe(401);
    const { secret, qrDataUrl } = (await (await admin.post('/api/auth/totp/enrol')).json()) as { secret: string; qrDataUrl: string };
    expect(qrDataUrl.startsWith('data:image/png;base64,')).toBe(true);
    expect((await admin.post('/api/auth/totp/confirm', { code: '000000' })).status).toBe(400);
    const confirm = (await (await admin.post('/api/auth/totp/confirm', { code: totp(base32Decode(secret), clock.now()) })).json()) as { recoveryCodes: string[]; stage: string };
    expect(confirm.stage).toBe('ok');
    expect(confirm.recoveryCodes).toHaveLength(10);
    expect((await admin.get('/api/users')).status).toBe(200);
    const users = await (await admin.get('/api/users')).text();
    expect(users).not.toMatch(/password_hash|totp_secret|recovery/i);

    clock.advance(60_000);
    const again = t.client();
    expect(((await (await again.login('ada')).json()) as { stage: string }).stage).toBe('totp_required');
    expect((await again.post('/api/auth/totp', { code: '123456' })).status).toBe(401);
    const code = totp(base32Decode(secret), clock.now());
    expect(((await (await again.post('/api/auth/totp', { code })).json()) as { stage: string }).stage).toBe('ok');
    // The same code cannot be replayed in another session.
    const replay = t.client();
    await replay.login('ada');
    expect((await replay.post('/api/auth/totp', { code })).status).toBe(401);
    const recovery = confirm.recoveryCodes[0]!;
    expect((await replay.post('/api/auth/totp', { code: recovery })).status).toBe(200);
    const reuse = t.client();
    await reuse.login('ada');
    expect((await reuse.post('/api/auth/totp', { code: recovery })).status).toBe(401);

    // Lost phone: another admin removes the second factor; Ada's sessions end and she enrols anew.
    const other = await t.loginAs('admin');
    const ada = (await t.toezicht.users.findByUsername('ada'))!;
    const reset = await other.post(`/api/users/${ada.id}/reset-totp`);
    expect(((await reset.json()) as { user: { totpEnabled: boolean } }).user.totpEnabled).toBe(false);
    expect((await again.get('/api/auth/me')).status).toBe(401);
    expect(((await (await t.client().login('ada')).json()) as { stage: string }).stage).toBe('totp_enrolment_required');
  });

  it('forces a new password after a one-time password, and ends sessions on idle and absolute timeouts', async () => {
    const admin = await t.loginAs('admin');
    const created = (await (await admin.post('/api/users', { username: 'nieuw', displayName: 'Nieuw', role: 'auditor', kind: 'internal' })).json()) as { oneTimePassword: string };
    const c = t.client();
    expect(((await (await c.login('nieuw', created.oneTimePassword)).json()) as { stage: string }).stage).toBe('password_change_required');
    expect((await c.get('/api/logbook')).status).toBe(401);
    expect((await c.post('/api/auth/password', { currentPassword: created.oneTimePassword, newPassword: 'short' })).status).toBe(400);
    const changed = await c.post('/api/auth/password', { currentPassword: created.oneTimePassword, newPassword: 'a-much-better-secret' });
    // Domijn's profile names every role for a second factor (AVG art. 32): enrolment comes next.
    expect(((await changed.json()) as { stage: string }).stage).toBe('totp_enrolment_required');
    expect((await c.get('/api/logbook')).status).toBe(401);
    const { secret } = (await (await c.post('/api/auth/totp/enrol')).json()) as { secret: string };
    const enrolled = await c.post('/api/auth/totp/confirm', { code: totp(base32Decode(secret), clock.now()) });
    expect(((await enrolled.json()) as { stage: string }).stage).toBe('ok');
    expect((await c.get('/api/logbook')).status).toBe(200);

    clock.advance(31 * 60_000); // idle timeout is 30 minutes
    expect((await c.get('/api/auth/me')).status).toBe(401);
    const d = t.client();
    await d.login('nieuw', 'a-much-better-secret');
    clock.advance(30_000);
    expect((await d.post('/api/auth/totp', { code: totp(base32Decode(secret), clock.now()) })).status).toBe(200);
    for (let i = 0; i < 25; i++) {
      clock.advance(29 * 60_000);
      await d.get('/api/auth/me');
    }
    expect((await d.get('/api/auth/me')).status).toBe(401); // absolute timeout of 12 hours passed
  });

  it('refuses expired and disabled accounts', async () => {
    const admin = await t.loginAs('admin');
    const expires = new Date(clock.now().getTime() + 86_400_000).toISOString();
    const res = await admin.post('/api/users', { username: 'agent-j', displayName: 'Agent J', role: 'police', kind: 'external', expiresAt: expires });
    expect(res.status).toBe(201);
    const { user, oneTimePassword } = (await res.json()) as { user: { id: string }; oneTimePassword: string };
    expect((await t.client().login('agent-j', oneTimePassword)).status).toBe(200);
    clock.advance(2 * 86_400_000);
    expect(((await (await t.client().login('agent-j', oneTimePassword)).json()) as Problem).code).toBe('account_expired');
    const admin2 = await t.loginAs('admin'); // the earlier session idled out during those two days
    const disabled = await admin2.request('PATCH', `/api/users/${user.id}`, { disabled: true });
    expect(disabled.status).toBe(200);
    expect(((await (await t.client().login('agent-j', oneTimePassword)).json()) as Problem).code).toBe('account_disabled');
  });
});
