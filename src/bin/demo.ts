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

export const demoSiteName = 'Complex De Voorbeeldhof (demo)';

/**
 * The demo site with two cameras whose URL names the host demo.invalid: the recorder records the
 * built-in demo scene for them (src/recording/targets.ts), so `toezicht demo` records real footage
 * with no hardware. They pass the same register gate as real cameras (INV-8): the approvals their
 * profile asks for are recorded first. Idempotent; a profile that refuses leaves them planned.
 * Only `toezicht demo` seeds them (not seedDemo, which tests share).
 */
export async function seedDemoCameras(t: Toezicht, now: Date = new Date()): Promise<string[]> {
  const seeder = { id: null, name: 'demo-seed', role: null };
  if ((await t.register.sites.list()).some((s) => s.name === demoSiteName)) return [];
  const profile = t.profile.current();
  const site = await t.register.sites.create({ name: demoSiteName, address: 'Voorbeeldhof 1, Soest', organisation: demoOrganisation }, seeder);
  const modes = profile.retention.recording.mode === 'either' ? (['continuous', 'motion'] as const) : ([profile.retention.recording.mode, profile.retention.recording.mode] as const);
  const activated: string[] = [];
  for (const [i, scene] of (['entree', 'fietsenstalling'] as const).entries()) {
    const camera = await t.register.cameras.create(
      {
        siteId: site.id, name: scene === 'entree' ? 'Entree' : 'Fietsenstalling', location: scene === 'entree' ? 'Hal bij de brievenbussen' : 'Fietsenstalling, ingang',
        areaType: 'common_area', purposes: [profile.purposes.items[0]!.id], responsible: 'Team Wijkbeheer (demo)', signageLocation: 'Bord bij de hoofdingang',
        viewChecklist: Object.fromEntries(profile.cameras.placement.map((p) => [p.limit, { compliant: true, photoDocumentId: null }])),
        streamUrl: `rtsp://demo.invalid/${scene}`, recordingMode: modes[i],
      },
      seeder,
    );
    try {
      const { activation } = await t.register.cameras.get(camera.id);
      const today = now.toISOString().slice(0, 10);
      for (const req of activation.requirements) {
        if (req.met || !['proportionality_assessment', 'dpia', 'vve_consent', 'works_council_approval'].includes(req.key)) continue;
        await t.register.approvals.record(
          camera.id,
          {
            kind: req.key as 'proportionality_assessment', decider: 'Privacy officer (demo)', decidedOn: today,
            answers: req.key === 'proportionality_assessment' ? profile.cameras.proportionality.questions.map(() => 'Ja (demo)') : undefined,
          },
          { id: null, name: 'demo-seed', role: 'privacy_officer' },
        );
      }
      await t.register.cameras.setStatus(camera.id, 'active', seeder);
      activated.push(camera.id);
    } catch {
      // The demo still runs; the camera stays planned (its register page says what is missing).
    }
  }
  return activated;
}
