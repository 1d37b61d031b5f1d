import { amsterdamDate, type IsoDate } from '../calendar.js';
import type { ProtocolProfile } from '../profile.schema.js';

/**
 * Versions of a protocol profile (issue 3 item 6, SOE-13). The stored status is
 *
 * - `draft`: being edited; never in force;
 * - `active`: activated from `effectiveAt` on; it is in force from then until the next activated
 *   version takes effect (so an activated version stays `active` in storage: history is kept, and
 *   `at(t)` finds it for events of its time);
 * - `retired`: activated, but replaced by a later activation before it ever took effect (a
 *   scheduled version overtaken by another one); never in force.
 *
 * What a person sees (`state`) is computed from the dates: scheduled, in force or superseded.
 */
export const versionStatuses = ['draft', 'active', 'retired'] as const;
export type VersionStatus = (typeof versionStatuses)[number];

export const versionStates = ['draft', 'scheduled', 'in_force', 'superseded', 'retired'] as const;
export type VersionState = (typeof versionStates)[number];

export interface ProfileVersion {
  id: string;
  profileId: string;
  /** 1, 2, 3 … per profile id, in order of creation. */
  version: number;
  status: VersionStatus;
  /** The Amsterdam date the version takes effect (null for a draft). */
  effectiveFrom: IsoDate | null;
  /** The instant it takes effect: the start of that day, or the moment of activation when that is later. */
  effectiveAt: string | null;
  profile: ProtocolProfile;
  basedOn: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  activatedBy: string | null;
  activatedAt: string | null;
  retiredAt: string | null;
}

/** A version with the state a person sees now. */
export type StatedVersion = ProfileVersion & { state: VersionState };

const activated = (versions: readonly ProfileVersion[]) =>
  versions.filter((v) => v.status === 'active' && v.effectiveAt !== null).sort((a, b) => a.effectiveAt!.localeCompare(b.effectiveAt!) || a.version - b.version);

/**
 * The version in force at an instant: of the activated versions that took effect at or before
 * it, the one that took effect last (on a tie, the later version). Null when none had yet.
 */
export function versionInForce(versions: readonly ProfileVersion[], instant: Date): ProfileVersion | null {
  const at = instant.toISOString();
  return activated(versions).filter((v) => v.effectiveAt! <= at).at(-1) ?? null;
}

/** The first activated version, which governs events from before the system recorded any. */
export function firstActivated(versions: readonly ProfileVersion[]): ProfileVersion | null {
  return activated(versions)[0] ?? null;
}

/** The activated version that takes effect last: the base for a new draft (scheduled changes included). */
export function latestActivated(versions: readonly ProfileVersion[]): ProfileVersion | null {
  return activated(versions).at(-1) ?? null;
}

export function stateOf(version: ProfileVersion, versions: readonly ProfileVersion[], now: Date): VersionState {
  if (version.status === 'draft') return 'draft';
  if (version.status === 'retired') return 'retired';
  if (version.effectiveAt! > now.toISOString()) return 'scheduled';
  return versionInForce(versions, now)?.id === version.id ? 'in_force' : 'superseded';
}

/** The activated versions a new activation at `effectiveAt` overtakes before they take effect. */
export function overtaken(versions: readonly ProfileVersion[], effectiveAt: string, except: string): ProfileVersion[] {
  return activated(versions).filter((v) => v.id !== except && v.effectiveAt! >= effectiveAt);
}

/** The instant 00:00 in Europe/Amsterdam starts the given day (clocks change at 02:00/03:00, never at midnight). */
export function startOfAmsterdamDay(date: IsoDate): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  for (const offsetHours of [2, 1]) {
    const candidate = new Date(Date.UTC(y, m - 1, d) - offsetHours * 3_600_000);
    if (amsterdamDate(candidate) === date && amsterdamDate(new Date(candidate.getTime() - 1)) !== date) return candidate;
  }
  throw new Error(`no start of day found for ${date} in Europe/Amsterdam`);
}

export type ActivationTime = { ok: true; effectiveAt: Date } | { ok: false; today: IsoDate };

/**
 * When an activation from `date` takes effect: today (Amsterdam) means now; a later day means its
 * start; an earlier day is refused, because decisions already taken stand under the version in
 * force at the time (a version never applies retroactively).
 */
export function activationTime(date: IsoDate, now: Date): ActivationTime {
  const today = amsterdamDate(now);
  if (date < today) return { ok: false, today };
  return { ok: true, effectiveAt: date === today ? now : startOfAmsterdamDay(date) };
}

/** The next profile version string for a draft: the minor part raised (1.0.0 → 1.1.0). */
export function nextProfileVersion(current: string): string {
  const [major = 1, minor = 0] = current.split('.').map(Number);
  return `${major}.${minor + 1}.0`;
}
