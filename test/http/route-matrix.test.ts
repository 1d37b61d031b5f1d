import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeCatalogue, type CatalogueEntry } from '../../src/auth/guard.js';
import type { Role } from '../../src/auth/roles.js';
import { listProfiles } from '../../src/protocol/profiles/index.js';
import { declaredRoles } from '../../src/protocol/active-profile.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';

/** Hono's registered routes (method + path) that are not middleware. */
function honoRoutes(t: TestApp): { method: string; path: string }[] {
  const seen = new Set<string>();
  return t.toezicht.app.routes
    .filter((r) => r.method !== 'ALL')
    .map((r) => ({ method: r.method, path: r.path }))
    .filter((r) => !seen.has(`${r.method} ${r.path}`) && seen.add(`${r.method} ${r.path}`));
}

const toHonoPath = (p: string) => p.replace(/\{(\w+)\}/g, ':$1');

/** Routes Hono serves that have no entry (no policy) in the catalogue. */
export function uncatalogued(routes: { method: string; path: string }[], catalogue: CatalogueEntry[]) {
  return routes.filter((r) => !catalogue.some((e) => e.method === r.method && toHonoPath(e.path) === r.path));
}

const concrete = (p: string) => p.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000').replace('/*', '/some/page');

describe.each(listProfiles().map((p) => p.id))('route × role matrix under the %s profile (INV-5)', (profileId) => {
  let t: TestApp;
  let roles: readonly Role[] = [];
  const clients = new Map<Role, Client>();

  beforeAll(async () => {
    t = await createTestApp('sqlite', { profile: profileId });
    roles = declaredRoles(t.toezicht.profile);
    for (const role of roles) clients.set(role, await t.loginAs(role));
  }, 120_000);
  afterAll(() => t.close());

  it('every route Hono serves has a policy in the catalogue', () => {
    expect(uncatalogued(honoRoutes(t), routeCatalogue)).toEqual([]);
    expect(routeCatalogue.length).toBeGreaterThan(15);
  });

  it('the catalogue check itself notices a route without a policy', () => {
    expect(uncatalogued([...honoRoutes(t), { method: 'GET', path: '/api/forgotten' }], routeCatalogue)).toEqual([
      { method: 'GET', path: '/api/forgotten' },
    ]);
  });

  it('anonymous requests get 401 on every non-public route', async () => {
    const anonymous = t.client();
    for (const entry of routeCatalogue.filter((e) => e.access !== 'public')) {
      const res = await anonymous.request(entry.method, concrete(entry.path), entry.method === 'GET' ? undefined : {});
      expect(res.status, `${entry.method} ${entry.path}`).toBe(401);
    }
  });

  it('for every route and every role, allow/deny equals the policy table', async () => {
    const logout = routeCatalogue.filter((e) => e.path === '/api/auth/logout');
    const others = routeCatalogue.filter((e) => e.path !== '/api/auth/logout');
    const mismatches: string[] = [];
    let checked = 0;
    for (const entry of [...others, ...logout]) {
      for (const role of roles) {
        const client = clients.get(role)!;
        const res = await client.request(entry.method, concrete(entry.path), entry.method === 'GET' ? undefined : {});
        const expected = typeof entry.access === 'object' ? t.toezicht.policy.rolesFor(entry.access.action).includes(role) : true;
        const denied = res.status === 403 || res.status === 401;
        checked++;
        if (expected === denied) mismatches.push(`${entry.method} ${entry.path} as ${role}: got ${res.status}, expected ${expected ? 'allowed' : 'denied'}`);
        if (!expected) {
          const body = (await res.json()) as { rule?: string };
          if (!body.rule) mismatches.push(`${entry.method} ${entry.path} as ${role}: denial names no rule`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(routeCatalogue.length * roles.length);
  }, 120_000);
});
