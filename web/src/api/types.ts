/**
 * The shapes of the API's JSON, as the contract describes them. Roles come from the server's
 * own list so that a role added there shows up here (and in the catalogue test) at once.
 * TODO: type these from the server's exported route types once the routes exist (ARCHITECTURE §6).
 */
import type { Role } from '../../../src/auth/roles';

export type { Role };
export { roles, externalRoles } from '../../../src/auth/roles';

export type Stage = 'ok' | 'totp_required' | 'totp_enrolment_required' | 'password_change_required';
export type AccountKind = 'internal' | 'external';

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  rule?: string;
  field?: string;
  errors?: { field: string; message: string }[];
  message?: { nl: string; en: string };
  lockedUntil?: string;
}

export interface Me {
  user: {
    id: string;
    username: string;
    displayName: string;
    role: Role;
    kind: AccountKind;
    mustChangePassword: boolean;
    totpEnabled: boolean;
  };
  stage: Stage;
  csrfToken: string;
  permissions: string[];
}

export interface LoginResponse {
  stage: Stage;
  csrfToken: string;
}

export interface StageResponse {
  stage: Stage;
}

export interface TotpEnrolment {
  secret: string;
  otpauthUrl: string;
  qrDataUrl: string;
}

export interface TotpConfirmation {
  recoveryCodes: string[];
  stage: Stage;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  role: Role;
  kind: AccountKind;
  organisation: string | null;
  expiresAt: string | null;
  disabled: boolean;
  lockedUntil: string | null;
  totpEnabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
}

export interface NewUser {
  username: string;
  displayName: string;
  email?: string;
  role: Role;
  kind: AccountKind;
  organisation?: string;
  expiresAt?: string;
}

export interface UserPatch {
  displayName?: string;
  role?: Role;
  disabled?: boolean;
  expiresAt?: string | null;
}

export const loginOutcomes = ['success', 'wrong_password', 'unknown_user', 'locked', 'wrong_totp', 'disabled', 'expired'] as const;
export type LoginOutcome = (typeof loginOutcomes)[number];

export interface LoginAttempt {
  id: number | string;
  at: string;
  usernameTried: string;
  outcome: LoginOutcome;
  ip: string | null;
  userAgent: string | null;
}

export interface LogbookEntry {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  subject: Record<string, unknown> | null;
  reason: string | null;
  caseRef: string | null;
  ip: string | null;
  prevHash?: string;
  hash: string;
}

export interface LogbookPage {
  entries: LogbookEntry[];
  nextBefore: number | null;
}

export interface LogbookVerification {
  ok: boolean;
  entries: number;
  headSeq: number | null;
  problem?: { seq: number; message: string };
}

export interface Dashboard {
  user: { displayName: string; role: Role };
  logbook: { headSeq: number };
  loginAttempts24h?: number;
  failedLogins24h?: number;
  lockedAccounts?: number;
  overdueChecks?: number;
  openDefects?: number;
}
