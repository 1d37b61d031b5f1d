import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from '@hono/zod-openapi';
import type { Policy } from './policy.js';
import { securedRoute, type AppEnv } from './guard.js';
import type { ChangeActor, UserService } from './user.service.js';
import type { LoginAttemptRepository } from './login-attempt.repository.js';
import { LoginAttemptSchema, LoginAttemptsQuery, NewUserBody, UserChangesBody, UserIdParam, UserSchema } from './auth.schema.js';
import { userView } from './user.view.js';

const json = <T>(schema: T) => ({ content: { 'application/json': { schema } } });

export function registerUserRoutes(app: OpenAPIHono<AppEnv>, deps: { users: UserService; attempts: LoginAttemptRepository; policy: Policy }) {
  const { users, policy } = deps;
  const by = (c: { get(key: 'actor'): { id: string; username: string; role: string } | null }): ChangeActor => {
    const a = c.get('actor')!;
    return { id: a.id, name: a.username, role: a.role };
  };

  app.openapi(
    securedRoute(policy, { action: 'user.list' }, {
      method: 'get', path: '/api/users', tags: ['users'], summary: 'List accounts',
      responses: { 200: { description: 'Accounts', ...json(z.object({ users: z.array(UserSchema) })) } },
    }),
    async (c) => c.json({ users: (await users.list()).map(userView) }, 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'user.manage' }, {
      method: 'post', path: '/api/users', tags: ['users'], summary: 'Create a personal account (one-time password shown once)',
      request: { body: { required: true, ...json(NewUserBody) } },
      responses: { 201: { description: 'Created', ...json(z.object({ user: UserSchema, oneTimePassword: z.string() })) } },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const { user, oneTimePassword } = await users.create({ ...input, password: undefined }, by(c));
      return c.json({ user: userView(user), oneTimePassword: oneTimePassword ?? '' }, 201);
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'user.manage' }, {
      method: 'patch', path: '/api/users/{id}', tags: ['users'], summary: 'Change, disable or enable an account',
      request: { params: UserIdParam, body: { required: true, ...json(UserChangesBody) } },
      responses: { 200: { description: 'Changed', ...json(z.object({ user: UserSchema })) } },
    }),
    async (c) => {
      const user = await users.update(c.req.valid('param').id, c.req.valid('json'), by(c));
      return c.json({ user: userView(user) }, 200);
    },
  );

  app.openapi(
    securedRoute(policy, { action: 'user.manage' }, {
      method: 'post', path: '/api/users/{id}/reset-password', tags: ['users'], summary: 'Reset a password to a one-time password',
      request: { params: UserIdParam },
      responses: { 200: { description: 'New one-time password, shown once', ...json(z.object({ oneTimePassword: z.string() })) } },
    }),
    async (c) => c.json({ oneTimePassword: (await users.resetPassword(c.req.valid('param').id, by(c))) ?? '' }, 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'user.manage' }, {
      method: 'post', path: '/api/users/{id}/reset-totp', tags: ['users'], summary: 'Remove a lost second factor (the user enrols anew)',
      request: { params: UserIdParam },
      responses: { 200: { description: 'Second factor removed', ...json(z.object({ user: UserSchema })) } },
    }),
    async (c) => c.json({ user: userView(await users.resetSecondFactor(c.req.valid('param').id, by(c))) }, 200),
  );

  app.openapi(
    securedRoute(policy, { action: 'login_attempts.read' }, {
      method: 'get', path: '/api/login-attempts', tags: ['users'], summary: 'Every login attempt, newest first (DOM-7)',
      request: { query: LoginAttemptsQuery },
      responses: { 200: { description: 'Attempts', ...json(z.object({ attempts: z.array(LoginAttemptSchema) })) } },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const attempts = await deps.attempts.list({ username: q.username, limit: q.limit });
      return c.json({ attempts: attempts.map(({ userId: _u, ...a }) => a) }, 200);
    },
  );
}
