import type { Kysely, Transaction } from 'kysely';
import type { Schema } from '../../platform/db/schema.js';
import { protocolProfileSchema, type ProtocolProfile } from '../profile.schema.js';
import type { ProfileVersion, VersionStatus } from './profile-version.js';
import type { NewProfileVersionRow, ProfileVersionRow, ProfileVersionUpdate } from './profile-version.table.js';

export type Executor = Kysely<Schema> | Transaction<Schema>;

/** Frozen all the way down, so that a profile handed out by the store cannot be changed in place. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/**
 * The stored profile, checked again on the way in: a row that no longer satisfies the schema (a
 * hand edit, an incompatible upgrade) stops the process with the version and field named.
 */
export function toProfileVersion(row: ProfileVersionRow): ProfileVersion {
  const parsed = protocolProfileSchema.safeParse(JSON.parse(row.data));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`protocol profile ${row.profile_id} version ${row.version} in the database is invalid at ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return {
    id: row.id,
    profileId: row.profile_id,
    version: Number(row.version),
    status: row.status as VersionStatus,
    effectiveFrom: row.effective_from,
    effectiveAt: row.effective_at,
    profile: deepFreeze(parsed.data as ProtocolProfile),
    basedOn: row.based_on,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    activatedBy: row.activated_by,
    activatedAt: row.activated_at,
    retiredAt: row.retired_at,
  };
}

/** Profile versions in the database; the only code that touches the table. */
export class ProfileVersionRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  /** Every version of one profile, oldest first. */
  async list(profileId: string, ex: Executor = this.db): Promise<ProfileVersionRow[]> {
    return ex.selectFrom('protocol_profile_versions').selectAll().where('profile_id', '=', profileId).orderBy('version').execute();
  }

  async find(id: string, ex: Executor = this.db): Promise<ProfileVersionRow | undefined> {
    return ex.selectFrom('protocol_profile_versions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async nextVersionNumber(profileId: string, ex: Executor): Promise<number> {
    const row = await ex
      .selectFrom('protocol_profile_versions')
      .select((eb) => eb.fn.max('version').as('highest'))
      .where('profile_id', '=', profileId)
      .executeTakeFirst();
    return Number(row?.highest ?? 0) + 1;
  }

  async insert(row: NewProfileVersionRow, ex: Executor): Promise<void> {
    await ex.insertInto('protocol_profile_versions').values(row).execute();
  }

  /** Updates one version, only while it still has the expected status; false when it did not. */
  async update(id: string, expectedStatus: VersionStatus, changes: ProfileVersionUpdate, ex: Executor): Promise<boolean> {
    const result = await ex
      .updateTable('protocol_profile_versions')
      .set(changes)
      .where('id', '=', id)
      .where('status', '=', expectedStatus)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}
