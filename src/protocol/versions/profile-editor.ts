import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.js';
import type { Schema } from '../../platform/db/schema.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import type { Logbook } from '../../logbook/logbook.service.js';
import { protocolProfileSchema, type ProtocolProfile } from '../profile.schema.js';
import { diffProfiles, type ProfileChange } from './profile-diff.js';
import { activationTime, latestActivated, nextProfileVersion, overtaken, versionInForce, type ProfileVersion, type StatedVersion } from './profile-version.js';
import type { ProfileActor, ProfileStore } from './profile-store.js';

/**
 * Changing the protocol (issue 3 item 6): a draft copied from the newest activated version,
 * edited and validated, then activated from a date. Each step is a logboek entry whose subject
 * carries the diff (changed JSON paths with before and after), written in the same transaction.
 */
export class ProfileEditor {
  constructor(
    private readonly db: Kysely<Schema>,
    private readonly store: ProfileStore,
    private readonly logbook: Logbook,
    private readonly clock: Clock,
  ) {}

  private get repository() {
    return this.store.repository;
  }

  private existing(id: string): StatedVersion {
    const version = this.store.find(id);
    if (!version) throw notFound('profile_version_not_found', `No version ${id} of protocol profile ${this.store.profileId}`);
    return version;
  }

  private draft(id: string): StatedVersion {
    const version = this.existing(id);
    if (version.status !== 'draft') throw conflict('not_a_draft', `Version ${version.version} is ${version.status}; only a draft can be changed or activated`);
    return version;
  }

  /** A new draft: a copy of the newest activated version (scheduled changes included), its version number raised. */
  async createDraft(actor: ProfileActor): Promise<StatedVersion> {
    const open = this.store.list().find((version) => version.status === 'draft');
    if (open) throw conflict('draft_exists', `Version ${open.version} is already a draft: change that one`, 'draft');
    const base = latestActivated(this.store.list());
    if (!base) throw new Error(`no active version of protocol profile ${this.store.profileId}`);
    const profile: ProtocolProfile = {
      ...base.profile,
      version: { ...base.profile.version, profile: nextProfileVersion(base.profile.version.profile), effectiveFrom: null },
    };
    const id = crypto.randomUUID();
    const at = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const version = await this.repository.nextVersionNumber(this.store.profileId, trx);
      await this.repository.insert(
        {
          id, profile_id: this.store.profileId, version, status: 'draft', effective_from: null, effective_at: null, data: JSON.stringify(profile),
          based_on: base.id, created_by: actor.name, created_at: at, updated_at: at, activated_by: null, activated_at: null, retired_at: null,
        },
        trx,
      );
      await this.logbook.append(trx, {
        actor,
        action: 'protocol.draft.create',
        subject: { profileId: this.store.profileId, versionId: id, version, basedOn: base.version, changes: diffProfiles(base.profile, profile) },
      });
    });
    await this.store.refresh();
    return this.existing(id);
  }

  /** Replaces a draft's profile; invalid data is refused naming the field path (nothing is written). */
  async updateDraft(id: string, data: unknown, actor: ProfileActor): Promise<{ version: StatedVersion; changes: ProfileChange[] }> {
    const draft = this.draft(id);
    const profile = validProfile(data);
    if (profile.id !== draft.profileId) throw invalid('profile_id_changed', `A version of ${draft.profileId} keeps the id ${draft.profileId}`, 'id');
    const changes = diffProfiles(draft.profile, profile);
    if (changes.length === 0) return { version: draft, changes };
    await this.db.transaction().execute(async (trx) => {
      const updated = await this.repository.update(id, 'draft', { data: JSON.stringify(profile), updated_at: this.clock.now().toISOString() }, trx);
      if (!updated) throw conflict('not_a_draft', `Version ${draft.version} is no longer a draft`);
      await this.logbook.append(trx, {
        actor,
        action: 'protocol.draft.update',
        subject: { profileId: draft.profileId, versionId: id, version: draft.version, changes },
      });
    });
    await this.store.refresh();
    return { version: this.existing(id), changes };
  }

  /**
   * Activates a draft from a date (Europe/Amsterdam): today takes effect now, a later date at the
   * start of that day; an earlier date is refused. Activated versions that would have taken
   * effect at or after that instant are retired (never in force). The logboek entry carries the
   * diff against the version this one replaces.
   */
  async activate(id: string, effectiveFrom: string, actor: ProfileActor): Promise<{ version: StatedVersion; changes: ProfileChange[] }> {
    const draft = this.draft(id);
    const now = this.clock.now();
    const timing = activationTime(effectiveFrom, now);
    if (!timing.ok) throw invalid('effective_date_past', `A version takes effect today (${timing.today}) or later, not on ${effectiveFrom}`, 'effectiveFrom');
    const profile: ProtocolProfile = validProfile({ ...draft.profile, version: { ...draft.profile.version, effectiveFrom } });
    checkActivatable(profile, this.store.list());
    const effectiveAt = timing.effectiveAt.toISOString();
    const versions = this.store.list();
    const retiring = overtaken(versions, effectiveAt, id);
    const replaced = versionInForce(versions.filter((v) => !retiring.includes(v)), timing.effectiveAt);
    const changes = replaced ? diffProfiles(replaced.profile, profile) : [];
    const at = now.toISOString();
    await this.db.transaction().execute(async (trx) => {
      for (const version of retiring) await this.repository.update(version.id, 'active', { status: 'retired', retired_at: at, updated_at: at }, trx);
      const activated = await this.repository.update(
        id,
        'draft',
        { status: 'active', effective_from: effectiveFrom, effective_at: effectiveAt, data: JSON.stringify(profile), activated_by: actor.name, activated_at: at, updated_at: at },
        trx,
      );
      if (!activated) throw conflict('not_a_draft', `Version ${draft.version} is no longer a draft`);
      await this.logbook.append(trx, {
        actor,
        action: 'protocol.version.activate',
        subject: {
          profileId: draft.profileId, versionId: id, version: draft.version, profileVersion: profile.version.profile, effectiveFrom, effectiveAt,
          replaces: replaced?.version ?? null, retired: retiring.map((v) => v.version), changes,
        },
      });
    });
    await this.store.refresh();
    return { version: this.existing(id), changes };
  }
}

/** The profile, or a validation error naming the first field path that is wrong. */
export function validProfile(data: unknown): ProtocolProfile {
  const parsed = protocolProfileSchema.safeParse(data);
  if (parsed.success) return parsed.data as ProtocolProfile;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || '(profile)';
  throw invalid('profile_invalid', `The profile is not valid at ${field}: ${issue?.message ?? 'invalid'}`, field);
}

/**
 * What an activation needs beyond the schema: someone keeps the right to change the protocol
 * (else nobody could ever correct it), and the version string is new (the public page names it).
 */
function checkActivatable(profile: ProtocolProfile, versions: readonly ProfileVersion[]): void {
  const manage = profile.grants.find((grant) => grant.permission === 'manage_profile');
  if (!manage || manage.roles.length === 0) {
    throw invalid('nobody_manages_profile', 'At least one role keeps the right to change the protocol (manage_profile)', 'grants.manage_profile');
  }
  const taken = versions.find((v) => v.status !== 'draft' && v.profile.version.profile === profile.version.profile);
  if (taken) throw invalid('profile_version_taken', `Version ${profile.version.profile} was already activated (version ${taken.version})`, 'version.profile');
}
