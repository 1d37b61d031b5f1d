import { z } from '@hono/zod-openapi';
import { roles } from './roles.js';

export const StageSchema = z.enum(['ok', 'totp_required', 'password_change_required', 'totp_enrolment_required']);

export const LoginBody = z
  .object({
    username: z.string().trim().min(1, 'is required').max(64),
    password: z.string().min(1, 'is required').max(256),
  })
  .openapi('LoginRequest');

export const StageResponse = z.object({ stage: StageSchema, csrfToken: z.string().optional() }).openapi('StageResponse');

export const TotpBody = z.object({ code: z.string().trim().min(6, 'must be a 6-digit code or a recovery code').max(20) });

export const PasswordChangeBody = z.object({
  currentPassword: z.string().min(1, 'is required').max(256),
  newPassword: z.string().min(1, 'is required').max(256),
});

export const UserSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    email: z.string().nullable(),
    role: z.enum(roles),
    kind: z.enum(['internal', 'external']),
    organisation: z.string().nullable(),
    expiresAt: z.string().nullable(),
    disabled: z.boolean(),
    lockedUntil: z.string().nullable(),
    totpEnabled: z.boolean(),
    mustChangePassword: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('User');

export const MeResponse = z
  .object({
    user: UserSchema,
    stage: StageSchema,
    csrfToken: z.string(),
    permissions: z.array(z.string()),
  })
  .openapi('Me');

export const EnrolResponse = z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() });
export const ConfirmResponse = z.object({ recoveryCodes: z.array(z.string()), stage: StageSchema });

const isoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time' });

export const NewUserBody = z
  .object({
    username: z.string().trim().min(3).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._-]+$/, 'letters, digits, . _ - only'),
    displayName: z.string().trim().min(1, 'is required').max(120),
    email: z.email('must be an e-mail address').nullish(),
    role: z.enum(roles),
    kind: z.enum(['internal', 'external']),
    organisation: z.string().trim().max(120).nullish(),
    expiresAt: isoDateTime.nullish(),
  })
  .strict()
  .openapi('NewUser');

export const UserChangesBody = z
  .object({
    displayName: z.string().trim().min(1).max(120).optional(),
    role: z.enum(roles).optional(),
    disabled: z.boolean().optional(),
    expiresAt: isoDateTime.nullable().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'name at least one field to change')
  .openapi('UserChanges');

export const UserIdParam = z.object({ id: z.uuid('must be a user id') });

export const LoginAttemptsQuery = z.object({
  username: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const LoginAttemptSchema = z.object({
  id: z.number(),
  at: z.string(),
  usernameTried: z.string(),
  outcome: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
