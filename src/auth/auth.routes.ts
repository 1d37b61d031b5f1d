import type { OpenAPIHono } from '@hono/zod-openapi';

import { deleteCookie, setCookie } from 'hono/cookie';
import { actions, type Policy } from './policy.js';
import { securedRoute, type AppEnv } from './guard.js';
import type { AuthService, ResolvedSession } from './auth.service.js';
import { requestMeta, SESSION_COOKIE } from './session.middleware.js';
import { ConfirmResponse, EnrolResponse, LoginBody, MeResponse, PasswordChangeBody, StageResponse, TotpBody } from './auth.schema.js';
import { userView } from './user.view.js';

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });
const body = <T>(schema: T) => ({ body: { required: true, ...json(schema) } });

export function registerAuthRoutes(app: OpenAPIHono<AppEnv>, deps: { auth: AuthService; policy: Policy; secureCookies: boolean; sessionAbsoluteHours: number }) {
  const { auth, policy } = deps;
  const session = (c: { get(key: 'session'): ResolvedSession | null }) => c.get('session')!;

  app.openapi(
    securedRoute(policy, 'public', {
      method: 'post', path: '/api/auth/login', tags: ['auth'], summary: 'Log in with username and password',
      request: body(LoginBody),
      responses: { 200: { description: 'Logged in; the stage says what must follow', ...json(StageResponse) } },
    }),
    async (c) => {
      const { username, password } = c.req.valid('json');
      const { token, session: s } = await auth.login(username, password, requestMeta(c));
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true, sameSite: 'Strict', secure: deps.secureCookies, path: '/', maxAge: deps.sessionAbsoluteHours * 3600,
      });
      return c.json({ stage: s.stage, csrfToken: s.csrfToken }, 200);
    },
  );

  app.openapi(
    securedRoute(policy, 'session', {
      method: 'get', path: '/api/auth/me', tags: ['auth'], summary: 'The logged-in account, its stage and permissions',
      responses: { 200: { description: 'The session', ...json(MeResponse) } },
    }),
    (c) => {
      const s = session(c);
      const permissions = s.stage === 'ok' ? actions.filter((a) => policy.can(s.actor, a).allowed) : [];
      return c.json({ user: userView(s.user), stage: s.stage, csrfToken: s.csrfToken, permissions }, 200);
    },
  );

  app.openapi(
    securedRoute(policy, 'session', {
      method: 'post', path: '/api/auth/totp', tags: ['auth'], summary: 'Pass the second factor (TOTP or recovery code)',
      request: body(TotpBody),
      responses: { 200: { description: 'Second factor passed', ...json(StageResponse) } },
    }),
    async (c) => c.json({ stage: await auth.submitTotp(session(c), c.req.valid('json').code, requestMeta(c)) }, 200),
  );

  app.openapi(
    securedRoute(policy, 'session', {
      method: 'post', path: '/api/auth/totp/enrol', tags: ['auth'], summary: 'Start enrolling a TOTP second factor',
      responses: { 200: { description: 'Secret and QR code to scan', ...json(EnrolResponse) } },
    }),
    async (c) => c.json(await auth.startEnrolment(session(c)), 200),
  );

  app.openapi(
    securedRoute(policy, 'session', {
      method: 'post', path: '/api/auth/totp/confirm', tags: ['auth'], summary: 'Confirm TOTP enrolment with a first code',
      request: body(TotpBody),
      responses: { 200: { description: 'Enrolled; recovery codes shown once', ...json(ConfirmResponse) } },
    }),
    async (c) => c.json(await auth.confirmEnrolment(session(c), c.req.valid('json').code, requestMeta(c)), 200),
  );

  app.openapi(
    securedRoute(policy, 'session', {
      method: 'post', path: '/api/auth/password', tags: ['auth'], summary: 'Change your own password',
      request: body(PasswordChangeBody),
      responses: { 200: { description: 'Changed', ...json(StageResponse) } },
    }),
    async (c) => {
      const { currentPassword, newPassword } = c.req.valid('json');
      return c.json({ stage: await auth.changePassword(session(c), currentPassword, newPassword, requestMeta(c)) }, 200);
    },
  );

  app.openapi(
    securedRoute(policy, 'session', {
      method: 'post', path: '/api/auth/logout', tags: ['auth'], summary: 'Log out',
      responses: { 204: { description: 'Logged out' } },
    }),
    async (c) => {
      await auth.logout(session(c), requestMeta(c));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  );
}
