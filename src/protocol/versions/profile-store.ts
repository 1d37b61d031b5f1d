import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Schema } from '../../platform/db/schema.js';
import type { Logbook } from '../../logbook/logbook.service.js';
import type { ActiveProfile } from '../active-profile.js';
import { amsterdamDate } from '../calendar.js';
import type { ProtocolProfile } from '../profile.schema.js';
import { applySiteOverride } from '../site-override.js';
import { firstActivated, startOfAmsterdamDay, stateOf, versionInForce, type ProfileVersion, type StatedVersion } from './profile-version.js';
import { ProfileVersionRepository, toProfileVersion } from './profile-version.repository.js';

/** Who changes the protocol, as the logboek records them (a person, or the system at first start). */
export interface ProfileActor {
  id: string | null;
  name: string;
  role: string | null;
}

export const systemActor: ProfileActor = { id: null, name: 'system', role: null };

export interface ProfileStoreOptions {
  db: Kysely<Schema>;
  logbook: Logbook;
  clock: Clock;
  /** The configured profile (TOEZICHT_PROFILE): recorded as the first active version at first start. */
  shipped: ProtocolProfile;
}

/**
 * The protocol profile in force, read from its versions in the database (issue 3 item 6): an
 * ActiveProfile whose `current()` is the version in force now and whose `at(t)` is the version in
 * force at t, for decisions about past events. Both are synchronous: the versions of the profile
 * are cached in memory and reloaded after every change this process makes (`refresh()`), and
 * periodically for changes made by another node (`startRefreshing()`). A future activation needs
 * no reload: the cache holds it, and it is in force from its instant on.
 */
export class ProfileStore implements ActiveProfile {
  private versions: ProfileVersion[] = [];
  private timer: NodeJS.Timeout | null = null;
  readonly repository: ProfileVersionRepository;

  private constructor(
    readonly profileId: string,
    private readonly options: ProfileStoreOptions,
  ) {
    this.repository = new ProfileVersionRepository(options.db);
  }

  /** Loads the versions of the configured profile, recording the shipped one as version 1 when there are none. */
  static async open(options: ProfileStoreOptions): Promise<ProfileStore> {
    const store = new ProfileStore(options.shipped.id, options);
    await store.refresh();
    if (!firstActivated(store.versions)) {
      await store.recordShipped();
      await store.refresh();
    }
    return store;
  }

  /** The version in force now. */
  current(): ProtocolProfile {
    return this.at(this.options.clock.now());
  }

  /**
   * The version in force at an instant. Before the first recorded version took effect, the first
   * one governs (the system knew no other).
   */
  at(instant: Date): ProtocolProfile {
    return this.versionAt(instant).profile;
  }

  /** The version (with its number and dates) in force now. */
  currentVersion(): ProfileVersion {
    return this.versionAt(this.options.clock.now());
  }

  versionAt(instant: Date): ProfileVersion {
    const version = versionInForce(this.versions, instant) ?? firstActivated(this.versions);
    if (!version) throw new Error(`no active version of protocol profile ${this.profileId}`);
    return version;
  }

  /**
   * A site's profile (DOM-12): the version in force, tightened by the site's override. The
   * override may only tighten; loosening is refused with a validation error naming the field.
   */
  forSite(override: unknown, instant: Date = this.options.clock.now()): ProtocolProfile {
    return applySiteOverride(this.at(instant), override);
  }

  /** All versions, oldest first, each with the state a person sees now. */
  list(): StatedVersion[] {
    const now = this.options.clock.now();
    return this.versions.map((version) => ({ ...version, state: stateOf(version, this.versions, now) }));
  }

  find(id: string): StatedVersion | undefined {
    return this.list().find((version) => version.id === id);
  }

  async refresh(): Promise<void> {
    const rows = await this.repository.list(this.profileId);
    this.versions = rows.map(toProfileVersion);
  }

  /** Reloads the versions every `intervalMs`, so that a change made on another node reaches this one. */
  startRefreshing(intervalMs = 60_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * First start: the shipped profile becomes version 1, in force from the effective date the
   * profile names (SOE-13) or else from now, with a logboek entry. Two nodes starting at once
   * both try; the unique version number lets one win, and the other reloads.
   */
  private async recordShipped(): Promise<void> {
    const { db, logbook, clock, shipped } = this.options;
    const now = clock.now();
    const effectiveFrom = shipped.version.effectiveFrom ?? amsterdamDate(now);
    const effectiveAt = shipped.version.effectiveFrom ? startOfAmsterdamDay(effectiveFrom) : now;
    const profile: ProtocolProfile = { ...shipped, version: { ...shipped.version, effectiveFrom } };
    const id = crypto.randomUUID();
    try {
      await db.transaction().execute(async (trx) => {
        if ((await this.repository.list(this.profileId, trx)).length > 0) return;
        const at = now.toISOString();
        await this.repository.insert(
          {
            id, profile_id: this.profileId, version: 1, status: 'active', effective_from: effectiveFrom, effective_at: effectiveAt.toISOString(),
            data: JSON.stringify(profile), based_on: null, created_by: systemActor.name, created_at: at, updated_at: at,
            activated_by: systemActor.name, activated_at: at, retired_at: null,
          },
          trx,
        );
        await logbook.append(trx, {
          actor: systemActor,
          action: 'protocol.version.record',
          subject: { profileId: this.profileId, versionId: id, version: 1, profileVersion: profile.version.profile, effectiveFrom, source: 'shipped' },
        });
      });
    } catch (err) {
      // Another node recorded it first: its version stands.
      if ((await this.repository.list(this.profileId)).length === 0) throw err;
    }
  }
}
