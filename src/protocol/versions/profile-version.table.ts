import type { Insertable, Selectable, Updateable } from 'kysely';

/**
 * One version of a protocol profile (issue 3 item 6). `data` is the profile as JSON, valid under
 * protocolProfileSchema when written; times are ISO-8601 UTC text and dates YYYY-MM-DD on both dialects.
 */
export interface ProfileVersionTable {
  id: string;
  profile_id: string;
  version: number;
  /** draft | active | retired (see profile-version.ts). */
  status: string;
  effective_from: string | null;
  effective_at: string | null;
  data: string;
  based_on: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  activated_by: string | null;
  activated_at: string | null;
  retired_at: string | null;
}

export type ProfileVersionRow = Selectable<ProfileVersionTable>;
export type NewProfileVersionRow = Insertable<ProfileVersionTable>;
export type ProfileVersionUpdate = Updateable<ProfileVersionTable>;
