/**
 * The shapes of the API's JSON, derived from the server's own zod schemas and domain types with
 * type-only imports (ARCHITECTURE §6): nothing of the server reaches the browser bundle, and a
 * change on the server that the UI does not follow fails `tsc -p web/tsconfig.json`.
 */
import type { z } from '@hono/zod-openapi';
import type {
  ConfirmResponse, EnrolResponse, MeResponse, NewUserBody, StageResponse as StageResponseSchema, StageSchema, UserChangesBody, UserSchema,
} from '../../../src/auth/auth.schema';
import type { LoginAttempt as ServerLoginAttempt, LoginOutcome as ServerLoginOutcome } from '../../../src/auth/login-attempt.repository';
import type { Role as ServerRole } from '../../../src/auth/roles';
import type { Dashboard as ServerDashboard } from '../../../src/dashboard/dashboard.service';
import type { LogbookEntrySchema, LogbookPageSchema, LogbookVerifySchema } from '../../../src/logbook/logbook.schema';
import type { Problem as ServerProblem } from '../../../src/platform/http/problem';
import type { Assert, Covers, Jsonified } from './derive';

export type Role = ServerRole;

/** The roles, in the server's order (src/auth/roles.ts); kept here so the bundle holds no server module. */
export const roles = [
  'admin', 'beheerder', 'wijkbeheerder', 'privacy_officer', 'auditor', 'manager', 'technisch_beheerder', 'maintenance_partner', 'police', 'ovj',
] as const satisfies readonly Role[];
type _Roles = Assert<Covers<typeof roles, Role>>;

/** Roles held by people outside the organisation: their accounts carry an expiry date (src/auth/roles.ts externalRoles). */
export const externalRoles: readonly Role[] = ['maintenance_partner', 'police', 'ovj'];

export type Stage = z.infer<typeof StageSchema>;
export type User = z.infer<typeof UserSchema>;
export type AccountKind = User['kind'];

export type Problem = ServerProblem;

export type Me = z.infer<typeof MeResponse>;

/** POST /api/auth/login, /totp, /password: the stage, and a fresh CSRF token where the session changed. */
export type StageResponse = z.infer<typeof StageResponseSchema>;
export type LoginResponse = StageResponse;

export type TotpEnrolment = z.infer<typeof EnrolResponse>;
export type TotpConfirmation = z.infer<typeof ConfirmResponse>;

/** Request bodies: what the client may send (z.input: before the server's defaults and trimming). */
export type NewUser = z.input<typeof NewUserBody>;
export type UserPatch = z.input<typeof UserChangesBody>;

/** The outcomes of a login attempt (src/auth/login-attempt.repository.ts); the UI lists them in its filter. */
export const loginOutcomes = ['success', 'wrong_password', 'unknown_user', 'locked', 'wrong_totp', 'disabled', 'expired'] as const satisfies readonly ServerLoginOutcome[];
type _LoginOutcomes = Assert<Covers<typeof loginOutcomes, ServerLoginOutcome>>;
export type LoginOutcome = ServerLoginOutcome;

/** GET /api/login-attempts: the repository's rows without the user id (the route drops it; its schema says `outcome: string`). */
export type LoginAttempt = Jsonified<Omit<ServerLoginAttempt, 'userId'>>;

export type LogbookEntry = z.infer<typeof LogbookEntrySchema>;
export type LogbookPage = z.infer<typeof LogbookPageSchema>;
export type LogbookVerification = z.infer<typeof LogbookVerifySchema>;

/** GET /api/dashboard (the service's type; the route's schema repeats it). */
export type Dashboard = Jsonified<ServerDashboard>;
