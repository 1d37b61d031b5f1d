import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Booleans are stored as 0/1 integers and times as ISO-8601 UTC text, identically on SQLite and PostgreSQL. */
export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  role: string;
  /** 'internal' staff account or 'external' (police, OvJ, partner): external accounts must expire. */
  kind: 'internal' | 'external';
  organisation: string | null;
  password_hash: string;
  must_change_password: number;
  disabled: number;
  expires_at: string | null;
  failed_attempts: number;
  locked_until: string | null;
  /** TOTP secret, sealed with the data directory's secret key (never returned by the API). */
  totp_secret_sealed: string | null;
  totp_enabled: number;
  /** The last 30-second TOTP step accepted: a code is never accepted twice. */
  totp_last_step: number;
  /** JSON array of SHA-256 hashes of unused recovery codes. */
  recovery_codes: string;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie token: a stolen database does not yield usable sessions. */
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  mfa_passed: number;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  at: string;
  username_tried: string;
  user_id: string | null;
  outcome: string;
  ip: string | null;
  user_agent: string | null;
}

export type UserRow = Selectable<UserTable>;
export type NewUserRow = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
export type LoginAttemptRow = Selectable<LoginAttemptTable>;
