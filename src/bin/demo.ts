import type { Role } from '../auth/roles.js';
import { declaredRoles } from '../protocol/active-profile.js';
import type { Toezicht } from './app.js';

/** The password of every demo account. Demo data only: `toezicht serve` never creates a known password. */
export const DEMO_PASSWORD = 'demo-Toezicht-2026';

export const demoOrganisation = 'Woonstichting De Voorbeeldhof (demo)';

export const demoAccounts: { username: string; displayName: string; role: Role; organisation?: string }[] = [
  { username: 'admin', displayName: 'Ada Admin', role: 'admin' },
  { username: 'beheerder', displayName: 'Bram Beheer', role: 'beheerder' },
  { username: 'wijkbeheerder', displayName: 'Wim de Wijkbeheerder', role: 'wijkbeheerder' },
  { username: 'privacy', displayName: 'Priya Privacy', role: 'privacy_officer' },
  { username: 'auditor', displayName: 'Fenna FG', role: 'auditor' },
  { username: 'manager', displayName: 'Marco Manager', role: 'manager' },
  { username: 'techniek', displayName: 'Tessa Techniek', role: 'technisch_beheerder' },
  { username: 'partner', displayName: 'Piet Partner', role: 'maintenance_partner', organisation: 'CamService BV (demo)' },
  { username: 'politie', displayName: 'Agent Jansen', role: 'police', organisation: 'Politie Midden-Nederland (demo)' },
  { username: 'ovj', displayName: 'Mr. de Vries', role: 'ovj', organisation: 'Openbaar Ministerie (demo)' },
];

/** The demo accounts for the roles the active protocol profile declares. */
export function demoAccountsFor(t: Pick<Toezicht, 'profile'>) {
  const declared = declaredRoles(t.profile);
  return demoAccounts.filter((a) => declared.includes(a.role));
}

/** Creates the demo accounts (one per role of the profile) when they do not exist yet. Idempotent. */
export async function seedDemo(t: Toezicht, now: Date = new Date()): Promise<void> {
  const seeder = { id: null, name: 'demo-seed', role: null };
  for (const account of demoAccountsFor(t)) {
    if (await t.users.findByUsername(account.username)) continue;
    const external = account.organisation !== undefined;
    await t.users.create(
      {
        username: account.username,
        displayName: account.displayName,
        role: account.role,
        kind: external ? 'external' : 'internal',
        organisation: account.organisation ?? demoOrganisation,
        expiresAt: external ? new Date(now.getTime() + 90 * 86_400_000).toISOString() : null,
        password: DEMO_PASSWORD,
      },
      seeder,
    );
  }
}
