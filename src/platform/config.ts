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
  /** Where ONVIF discovery sends its probe: the WS-Discovery multicast group, or host:port. */
  onvifDiscovery: z
    .string()
    .regex(/^\d{1,3}(\.\d{1,3}){3}:\d{1,5}$/, 'must be an IPv4 address and port, e.g. 239.255.255.250:3702')
    .transform((v) => ({ address: v.split(':')[0]!, port: Number(v.split(':')[1]) })),
  /** Seconds between signed logboek checkpoints. */
  checkpointIntervalSeconds: z.coerce.number().int().min(5).max(24 * 3600),
  /** Case reminders (issue 7): SMTP server for e-mail reminders (empty: reminders in the app only). */
  smtpUrl: z.string().refine((v) => v === '' || /^smtps?:\/\//.test(v), 'must be empty or an smtp:// or smtps:// URL').default(''),
  smtpFrom: z.string().min(3),
  /** Minutes between reminder runs (0: none in this process). */
  reminderIntervalMinutes: z.coerce.number().int().min(0).max(24 * 60),
  /** Recorder (issue 5). Whether `serve` runs the recorder role (one ffmpeg per camera) and the retention sweep. */
  recorder: z.boolean(),
  /** Where encrypted segments are stored on the local disk (default <data>/footage). */
  footageDir: z.string().min(1),
  footageStore: z.enum(['local', 's3']),
  /** S3-compatible store (footageStore = s3). */
  s3Endpoint: z.string(),
  s3Bucket: z.string(),
  s3Region: z.string().min(1),
  s3AccessKeyId: z.string(),
  s3SecretAccessKey: z.string(),
  s3ForcePathStyle: z.boolean(),
  s3Prefix: z.string().regex(/^([A-Za-z0-9_.-]+\/)*$/, 'must be empty or end with / (e.g. toezicht/)'),
  /** Footage master key, 32 bytes base64; when empty the key file is used (created 0600 on first start). */
  masterKey: z.string().refine((v) => v === '' || Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded'),
  masterKeyFile: z.string().min(1),
  /** Free-space floor of the footage disk in MB: below it the oldest unheld footage goes first. */
  footageMinFreeMb: z.coerce.number().int().min(0),
  /** ffmpeg/ffprobe binaries; empty: those shipped by the npm packages. */
  ffmpegPath: z.string(),
  ffprobePath: z.string(),
  segmentSeconds: z.coerce.number().int().min(2).max(60),
  retentionSweepMinutes: z.coerce.number().int().min(1).max(24 * 60),
  /** Watching (issue 6): the media-URL key shared by API servers (32 bytes base64; empty: the key file), and previous keys during a rotation. */
  mediaTokenKey: z.string().refine((v) => v === '' || Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded'),
  mediaTokenPreviousKey: z.string().refine((v) => v.split(',').every((k) => k.trim() === '' || Buffer.from(k.trim(), 'base64').length === 32), 'must be keys of 32 bytes, base64-encoded, separated by commas'),
  mediaTokenKeyFile: z.string().min(1),
  /** Evidence exports (issue 8): roots under which a package may be written to a mounted removable drive (comma-separated absolute paths; empty: none). */
  exportDrives: z.string().refine((v) => v.split(',').every((r) => r.trim() === '' || path.isAbsolute(r.trim())), 'must be absolute paths separated by commas, e.g. /media,/mnt')
    .transform((v) => v.split(',').map((r) => r.trim()).filter(Boolean)),
  /** Seconds an export job's lease lasts without a heartbeat: after a crash, another worker takes the job over this long after. */
  exportJobLeaseSeconds: z.coerce.number().int().min(2).max(600),
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
  smtpUrl: 'TOEZICHT_SMTP_URL',
  smtpFrom: 'TOEZICHT_SMTP_FROM',
  reminderIntervalMinutes: 'TOEZICHT_REMINDER_INTERVAL_MINUTES',
  profile: 'TOEZICHT_PROFILE',
  onvifDiscovery: 'TOEZICHT_ONVIF_DISCOVERY',
  recorder: 'TOEZICHT_RECORDER',
  footageDir: 'TOEZICHT_FOOTAGE_DIR',
  footageStore: 'TOEZICHT_FOOTAGE_STORE',
  s3Endpoint: 'TOEZICHT_S3_ENDPOINT',
  s3Bucket: 'TOEZICHT_S3_BUCKET',
  s3Region: 'TOEZICHT_S3_REGION',
  s3AccessKeyId: 'TOEZICHT_S3_ACCESS_KEY_ID',
  s3SecretAccessKey: 'TOEZICHT_S3_SECRET_ACCESS_KEY',
  s3ForcePathStyle: 'TOEZICHT_S3_FORCE_PATH_STYLE',
  s3Prefix: 'TOEZICHT_S3_PREFIX',
  masterKey: 'TOEZICHT_MASTER_KEY',
  masterKeyFile: 'TOEZICHT_MASTER_KEY_FILE',
  footageMinFreeMb: 'TOEZICHT_FOOTAGE_MIN_FREE_MB',
  ffmpegPath: 'TOEZICHT_FFMPEG',
  ffprobePath: 'TOEZICHT_FFPROBE',
  segmentSeconds: 'TOEZICHT_SEGMENT_SECONDS',
  retentionSweepMinutes: 'TOEZICHT_RETENTION_SWEEP_MINUTES',
  mediaTokenKey: 'TOEZICHT_MEDIA_TOKEN_KEY',
  mediaTokenPreviousKey: 'TOEZICHT_MEDIA_TOKEN_PREVIOUS_KEY',
  mediaTokenKeyFile: 'TOEZICHT_MEDIA_TOKEN_KEY_FILE',
  exportDrives: 'TOEZICHT_EXPORT_DRIVES',
  exportJobLeaseSeconds: 'TOEZICHT_EXPORT_JOB_LEASE_SECONDS',
};

function parseBool(value: string | undefined): boolean | string | undefined {
  if (value === undefined) return undefined;
  if (['1', 'true', 'yes', 'on'].includes(value.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off', ''].includes(value.toLowerCase())) return false;
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
    smtpUrl: overrides.smtpUrl ?? env.TOEZICHT_SMTP_URL ?? '',
    smtpFrom: overrides.smtpFrom ?? env.TOEZICHT_SMTP_FROM ?? 'Toezicht <toezicht@localhost>',
    reminderIntervalMinutes: overrides.reminderIntervalMinutes ?? env.TOEZICHT_REMINDER_INTERVAL_MINUTES ?? 15,
    profile: overrides.profile ?? env.TOEZICHT_PROFILE ?? 'domijn',
    onvifDiscovery: overrides.onvifDiscovery ?? env.TOEZICHT_ONVIF_DISCOVERY ?? '239.255.255.250:3702',
    ...recorderSettings(env, overrides),
  };
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const key = String(issue.path[0]) as keyof Config;
        const got = secretFields.has(key) ? '[redacted]' : JSON.stringify((raw as Record<string, unknown>)[key]);
        return `${envNames[key] ?? key}: ${issue.message} (got ${got})`;
      }),
    );
  }
  return parsed.data;
}

/** Fields never repeated in an error message. */
const secretFields = new Set<string>(['masterKey', 's3SecretAccessKey', 'smtpUrl', 'mediaTokenKey', 'mediaTokenPreviousKey']);

/** The recorder's settings (issue 5): footage store, master key, free-space floor, ffmpeg. */
function recorderSettings(env: NodeJS.ProcessEnv, overrides: Partial<Record<keyof Config, unknown>>) {
  const dataDir = path.resolve(String(overrides.dataDir ?? env.TOEZICHT_DATA ?? './data'));
  const pick = (key: keyof Config, name: string, fallback: unknown) => overrides[key] ?? env[name] ?? fallback;
  return {
    recorder: overrides.recorder ?? parseBool(env.TOEZICHT_RECORDER) ?? true,
    footageDir: path.resolve(String(pick('footageDir', 'TOEZICHT_FOOTAGE_DIR', path.join(dataDir, 'footage')))),
    footageStore: pick('footageStore', 'TOEZICHT_FOOTAGE_STORE', 'local'),
    s3Endpoint: pick('s3Endpoint', 'TOEZICHT_S3_ENDPOINT', ''),
    s3Bucket: pick('s3Bucket', 'TOEZICHT_S3_BUCKET', ''),
    s3Region: pick('s3Region', 'TOEZICHT_S3_REGION', 'us-east-1'),
    s3AccessKeyId: pick('s3AccessKeyId', 'TOEZICHT_S3_ACCESS_KEY_ID', ''),
    s3SecretAccessKey: pick('s3SecretAccessKey', 'TOEZICHT_S3_SECRET_ACCESS_KEY', ''),
    s3ForcePathStyle: overrides.s3ForcePathStyle ?? parseBool(env.TOEZICHT_S3_FORCE_PATH_STYLE) ?? true,
    s3Prefix: pick('s3Prefix', 'TOEZICHT_S3_PREFIX', ''),
    masterKey: pick('masterKey', 'TOEZICHT_MASTER_KEY', ''),
    masterKeyFile: path.resolve(String(pick('masterKeyFile', 'TOEZICHT_MASTER_KEY_FILE', path.join(dataDir, 'keys', 'footage-master.key')))),
    footageMinFreeMb: pick('footageMinFreeMb', 'TOEZICHT_FOOTAGE_MIN_FREE_MB', 2048),
    ffmpegPath: pick('ffmpegPath', 'TOEZICHT_FFMPEG', ''),
    ffprobePath: pick('ffprobePath', 'TOEZICHT_FFPROBE', ''),
    segmentSeconds: pick('segmentSeconds', 'TOEZICHT_SEGMENT_SECONDS', 10),
    retentionSweepMinutes: pick('retentionSweepMinutes', 'TOEZICHT_RETENTION_SWEEP_MINUTES', 15),
    mediaTokenKey: pick('mediaTokenKey', 'TOEZICHT_MEDIA_TOKEN_KEY', ''),
    mediaTokenPreviousKey: pick('mediaTokenPreviousKey', 'TOEZICHT_MEDIA_TOKEN_PREVIOUS_KEY', ''),
    mediaTokenKeyFile: path.resolve(String(pick('mediaTokenKeyFile', 'TOEZICHT_MEDIA_TOKEN_KEY_FILE', path.join(dataDir, 'keys', 'media-token.key')))),
    exportDrives: pick('exportDrives', 'TOEZICHT_EXPORT_DRIVES', ''),
    exportJobLeaseSeconds: pick('exportJobLeaseSeconds', 'TOEZICHT_EXPORT_JOB_LEASE_SECONDS', 30),
  };
}
