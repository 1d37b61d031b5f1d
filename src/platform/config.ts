import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration, parsed once at boot from the environment (and CLI overrides).
 * A bad value stops the process with one clear message per field.
 */
const configSchema = z.object({
  dataDir: z.string().min(1, 'must name a directory'),
  databaseUrl: z
    .string()
    .refine((v) => v === '' || /^postgres(ql)?:\/\//.test(v), 'must be empty (embedded SQLite) or a postgres:// URL')
    .default(''),
  port: z.coerce.number().int().min(0).max(65535),
  host: z.string().min(1),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  /** Minutes of inactivity after which a session ends. */
  sessionIdleMinutes: z.coerce.number().int().min(1).max(24 * 60),
  /** Hours after login after which a session ends regardless of activity. */
  sessionAbsoluteHours: z.coerce.number().int().min(1).max(7 * 24),
  /** Set when Toezicht is served behind TLS (directly or via a proxy): cookies get the Secure flag. */
  secureCookies: z.boolean(),
  /** The shipped protocol profile this organisation follows (domijn, welwonen, mozaiek, soest, wooncompas). */
  profile: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'must be a profile id such as domijn or soest'),
  /** Seconds between signed logboek checkpoints. */
  checkpointIntervalSeconds: z.coerce.number().int().min(5).max(24 * 3600),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const envNames: Record<keyof Config, string> = {
  dataDir: 'TOEZICHT_DATA',
  databaseUrl: 'DATABASE_URL',
  port: 'TOEZICHT_PORT',
  host: 'TOEZICHT_HOST',
  logLevel: 'TOEZICHT_LOG_LEVEL',
  sessionIdleMinutes: 'TOEZICHT_SESSION_IDLE_MINUTES',
  sessionAbsoluteHours: 'TOEZICHT_SESSION_ABSOLUTE_HOURS',
  secureCookies: 'TOEZICHT_SECURE_COOKIES',
  checkpointIntervalSeconds: 'TOEZICHT_CHECKPOINT_INTERVAL_SECONDS',
  profile: 'TOEZICHT_PROFILE',
};

function parseBool(value: string | undefined): boolean | string | undefined {
  if (value === undefined) return undefined;
  if (['1', 'true', 'yes'].includes(value.toLowerCase())) return true;
  if (['0', 'false', 'no', ''].includes(value.toLowerCase())) return false;
  return value;
}

/** Builds the configuration from environment variables, with explicit overrides (CLI flags) winning. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Record<keyof Config, unknown>> = {}): Config {
  const raw = {
    dataDir: path.resolve(String(overrides.dataDir ?? env.TOEZICHT_DATA ?? './data')),
    databaseUrl: overrides.databaseUrl ?? env.DATABASE_URL ?? '',
    port: overrides.port ?? env.TOEZICHT_PORT ?? 8080,
    host: overrides.host ?? env.TOEZICHT_HOST ?? '127.0.0.1',
    logLevel: overrides.logLevel ?? env.TOEZICHT_LOG_LEVEL ?? 'info',
    sessionIdleMinutes: overrides.sessionIdleMinutes ?? env.TOEZICHT_SESSION_IDLE_MINUTES ?? 30,
    sessionAbsoluteHours: overrides.sessionAbsoluteHours ?? env.TOEZICHT_SESSION_ABSOLUTE_HOURS ?? 12,
    secureCookies: overrides.secureCookies ?? parseBool(env.TOEZICHT_SECURE_COOKIES) ?? false,
    checkpointIntervalSeconds: overrides.checkpointIntervalSeconds ?? env.TOEZICHT_CHECKPOINT_INTERVAL_SECONDS ?? 300,
    profile: overrides.profile ?? env.TOEZICHT_PROFILE ?? 'domijn',
  };
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const key = String(issue.path[0]) as keyof Config;
        return `${envNames[key] ?? key}: ${issue.message} (got ${JSON.stringify((raw as Record<string, unknown>)[key])})`;
      }),
    );
  }
  return parsed.data;
}
