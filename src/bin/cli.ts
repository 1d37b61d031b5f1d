import { loadConfig, ConfigError, type Config } from '../platform/config.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { createLogger } from '../platform/logger.js';
import { DomainError } from '../platform/errors.js';
import { isRole, roles } from '../auth/roles.js';
import { cliActor } from '../auth/user.service.js';
import { runLogbookVerify } from '../logbook/logbook.cli.js';
import { createToezicht, type Toezicht } from './app.js';
import { startServer, stopOnSignals } from './server.js';
import { DEMO_PASSWORD, demoAccountsFor, seedDemo, seedDemoCameras } from './demo.js';
import { mfaRoles, UnknownProfileError } from '../protocol/active-profile.js';
import { commonOptions, parse, portOption, UsageError } from './cli-args.js';
import { help } from './help.js';
import { runDeadline, runProfiles, runProfileShow, runProfileValidate } from '../protocol/protocol.cli.js';
import { runHoldAdd, runHoldList, runHoldRelease, runMasterKeyRotate, runRecorderScan, runRecorderStatus, runRetentionSweep } from '../recording/recording.cli.js';
import { runExportVerify, UnreadableInput } from '../exports/export.cli.js';

type Out = (line: string) => void;

const serveOptions = { ...commonOptions, port: { type: 'string' }, host: { type: 'string' }, profile: { type: 'string' } } as const;

function configFrom(values: { data?: string; port?: string; host?: string; profile?: string }): Config {
  return loadConfig(process.env, {
    ...(values.profile !== undefined ? { profile: values.profile } : {}),
    ...(values.data !== undefined ? { dataDir: values.data } : {}),
    ...(values.port !== undefined ? { port: portOption(values.port) } : {}),
    ...(values.host !== undefined ? { host: values.host } : {}),
  });
}

/** Opens the database and services without serving (for one-shot commands). */
async function withToezicht<T>(config: Config, fn: (t: Toezicht) => Promise<T>): Promise<T> {
  const t = await createToezicht({ config, database: openDatabase(config), logger: createLogger('warn') });
  try {
    return await fn(t);
  } finally {
    await t.close();
  }
}

async function serveCommand(args: string[], out: Out, demo: boolean): Promise<number> {
  const { values, help: wantsHelp } = parse(args, { ...serveOptions, ...(demo ? { 'seed-only': { type: 'boolean' } } : {}) }, { min: 0, max: 0 });
  if (wantsHelp) return printHelp(demo ? 'demo' : 'serve', out);
  const config = configFrom(values);
  if (demo && (values as { 'seed-only'?: boolean })['seed-only']) {
    await withToezicht(config, async (t) => {
      await seedDemo(t);
      await seedDemoCameras(t);
      printDemoLogins(out, t);
    });
    return 0;
  }
  let firstAdminPassword: string | null = null;
  const running = await startServer(config, {
    beforeListen: async (t) => {
      if (demo) {
        await seedDemo(t);
        await seedDemoCameras(t);
      } else firstAdminPassword = await t.users.ensureFirstAdmin();
    },
  });
  stopOnSignals(running);
  if (demo) printDemoLogins(out, running.toezicht);
  if (firstAdminPassword) {
    out(`First run: log in as 'admin' with the one-time password ${firstAdminPassword}`);
    out('It is shown only now. You will choose a new password and set up a second factor at first login.');
  }
  out(`Toezicht runs at ${running.url}  (database: ${running.toezicht.database.dialect}, data: ${config.dataDir})`);
  return new Promise<number>(() => {}); // runs until a signal stops the process
}

function printDemoLogins(out: Out, t: Toezicht): void {
  const profile = t.profile.current();
  out(`Protocol: ${profile.title} (${profile.id}, version ${profile.version.profile})`);
  out(`Demo logins (password for every account: ${DEMO_PASSWORD}):`);
  for (const a of demoAccountsFor(t)) out(`  ${a.username.padEnd(14)} ${a.role}`);
  const mfa = mfaRoles(t.profile);
  if (mfa.length) out(`At first login these roles set up a second factor (scan the QR code with an authenticator app): ${mfa.join(', ')}.`);
}

async function migrateCommand(args: string[], out: Out): Promise<number> {
  const { values, help: wantsHelp } = parse(args, commonOptions, { min: 0, max: 0 });
  if (wantsHelp) return printHelp('migrate', out);
  const config = configFrom(values);
  const database = openDatabase(config);
  try {
    const applied = await migrateToLatest(database.db);
    out(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database schema is up to date');
  } finally {
    await database.close();
  }
  return 0;
}

async function userCommand(args: string[], out: Out): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || sub === '--help' || sub === '-h') return printHelp('user', out);
  const options = {
    ...commonOptions,
    role: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' },
    external: { type: 'boolean' }, expires: { type: 'string' }, organisation: { type: 'string' },
  } as const;
  if (!['add', 'passwd', 'disable'].includes(sub)) throw new UsageError(`unknown user command '${sub}' (add, passwd, disable)`);
  const { values, positionals, help: wantsHelp } = parse(rest, sub === 'add' ? options : commonOptions, { min: 1, max: 1 });
  if (wantsHelp) return printHelp('user', out);
  const username = positionals[0]!;
  const v = values as { role?: string; name?: string; email?: string; external?: boolean; expires?: string; organisation?: string; data?: string };
  if (sub === 'add') {
    if (!v.role) throw new UsageError('--role is required');
    if (!isRole(v.role)) throw new UsageError(`unknown role '${v.role}' (one of: ${roles.join(', ')})`);
    if (v.expires !== undefined && Number.isNaN(Date.parse(v.expires))) throw new UsageError(`--expires must be an ISO date, got '${v.expires}'`);
  }
  return withToezicht(configFrom(v), async (t) => {
    if (sub === 'add') {
      const { oneTimePassword } = await t.users.create(
        {
          username, displayName: v.name ?? username, email: v.email ?? null, role: v.role as (typeof roles)[number],
          kind: v.external ? 'external' : 'internal', organisation: v.organisation ?? null,
          expiresAt: v.expires ? new Date(v.expires).toISOString() : null,
        },
        cliActor,
      );
      out(`Created '${username}' (${v.role}). One-time password, shown once: ${oneTimePassword}`);
      return 0;
    }
    const user = await t.users.findByUsername(username);
    if (!user) throw new UsageError(`no user '${username}'`);
    if (sub === 'passwd') {
      out(`New one-time password for '${username}', shown once: ${await t.users.resetPassword(user.id, cliActor)}`);
    } else {
      await t.users.update(user.id, { disabled: true }, cliActor);
      out(`Disabled '${username}'; their sessions have ended.`);
    }
    return 0;
  });
}

async function logbookCommand(args: string[], out: Out): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || sub === '--help' || sub === '-h') return printHelp('logbook', out);
  if (sub !== 'verify') throw new UsageError(`unknown logbook command '${sub}' (verify)`);
  const { values, help: wantsHelp } = parse(rest, commonOptions, { min: 0, max: 0 });
  if (wantsHelp) return printHelp('logbook', out);
  const config = configFrom(values);
  return runLogbookVerify({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, out });
}

async function exportCommand(args: string[], out: Out): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || sub === '--help' || sub === '-h') return printHelp('export', out);
  if (sub !== 'verify') throw new UsageError(`unknown export command '${sub}' (verify)`);
  const { values, positionals, help: wantsHelp } = parse(rest, { help: commonOptions.help, password: { type: 'string' } }, { min: 1, max: 1 });
  if (wantsHelp) return printHelp('export', out);
  try {
    return await runExportVerify({ file: positionals[0]!, password: values.password ?? process.env.TOEZICHT_EXPORT_PASSWORD, out });
  } catch (e) {
    if (e instanceof UnreadableInput) throw new UsageError(e.message);
    throw e;
  }
}

async function profilesCommand(args: string[], out: Out): Promise<number> {
  const { help: wantsHelp } = parse(args, { help: commonOptions.help }, { min: 0, max: 0 });
  return wantsHelp ? printHelp('profiles', out) : runProfiles(out);
}

async function profileCommand(args: string[], out: Out, err: Out): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || sub === '--help' || sub === '-h') return printHelp('profile', out);
  if (sub !== 'show' && sub !== 'validate') throw new UsageError(`unknown profile command '${sub}' (show, validate)`);
  const { positionals, help: wantsHelp } = parse(rest, { help: commonOptions.help }, { min: 1, max: 1 });
  if (wantsHelp) return printHelp('profile', out);
  return sub === 'show' ? runProfileShow(positionals[0]!, out, err) : runProfileValidate(positionals[0]!, out, err);
}

async function deadlineCommand(args: string[], out: Out, err: Out): Promise<number> {
  const { values, help: wantsHelp } = parse(
    args,
    { help: commonOptions.help, profile: { type: 'string' }, kind: { type: 'string' }, received: { type: 'string' } },
    { min: 0, max: 0 },
  );
  if (wantsHelp) return printHelp('deadline', out);
  for (const name of ['profile', 'kind', 'received'] as const) if (!values[name]) throw new UsageError(`--${name} is required`);
  return runDeadline({ profile: values.profile!, kind: values.kind!, received: values.received! }, out, err);
}

async function holdCommand(args: string[], out: Out): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || sub === '--help' || sub === '-h') return printHelp('hold', out);
  if (sub === 'add') {
    const options = {
      ...commonOptions, camera: { type: 'string', multiple: true }, from: { type: 'string' }, to: { type: 'string' }, reason: { type: 'string' }, case: { type: 'string' },
    } as const;
    const { values, help: wantsHelp } = parse(rest, options, { min: 0, max: 0 });
    if (wantsHelp) return printHelp('hold', out);
    for (const name of ['camera', 'from', 'to', 'reason'] as const) if (!values[name]) throw new UsageError(`--${name} is required`);
    return withToezicht(configFrom(values), (t) =>
      runHoldAdd(t.recording, { cameraIds: values.camera!, from: values.from!, to: values.to!, reason: values.reason!, caseRef: values.case }, out),
    );
  }
  if (sub === 'release') {
    const { values, positionals, help: wantsHelp } = parse(rest, { ...commonOptions, reason: { type: 'string' } }, { min: 1, max: 1 });
    if (wantsHelp) return printHelp('hold', out);
    if (!values.reason) throw new UsageError('--reason is required');
    return withToezicht(configFrom(values), (t) => runHoldRelease(t.recording, positionals[0]!, values.reason!, out));
  }
  if (sub === 'list') {
    const { values, help: wantsHelp } = parse(rest, { ...commonOptions, camera: { type: 'string' }, case: { type: 'string' }, all: { type: 'boolean' } }, { min: 0, max: 0 });
    if (wantsHelp) return printHelp('hold', out);
    return withToezicht(configFrom(values), (t) => runHoldList(t.recording, { cameraId: values.camera, caseRef: values.case, all: values.all }, out));
  }
  throw new UsageError(`unknown hold command '${sub}' (add, release, list)`);
}

async function recorderCommand(args: string[], out: Out): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || sub === '--help' || sub === '-h') return printHelp('recorder', out);
  if (sub === 'scan') {
    const { values, help: wantsHelp } = parse(rest, { ...commonOptions, fix: { type: 'boolean' } }, { min: 0, max: 0 });
    if (wantsHelp) return printHelp('recorder', out);
    return withToezicht(configFrom(values), (t) => runRecorderScan(t.recording, values.fix === true, out));
  }
  if (sub === 'rotate-key') {
    const { values, help: wantsHelp } = parse(rest, { ...commonOptions, 'new-key-file': { type: 'string' } }, { min: 0, max: 0 });
    if (wantsHelp) return printHelp('recorder', out);
    if (!values['new-key-file']) throw new UsageError('--new-key-file is required');
    return withToezicht(configFrom(values), (t) => runMasterKeyRotate(t.recording, values['new-key-file']!, out));
  }
  if (sub !== 'status') throw new UsageError(`unknown recorder command '${sub}' (status, scan, rotate-key)`);
  const { values, help: wantsHelp } = parse(rest, { ...commonOptions, json: { type: 'boolean' } }, { min: 0, max: 0 });
  if (wantsHelp) return printHelp('recorder', out);
  return withToezicht(configFrom(values), (t) => runRecorderStatus(t.recording, values.json === true, out));
}

async function retentionCommand(args: string[], out: Out): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || sub === '--help' || sub === '-h') return printHelp('retention', out);
  if (sub !== 'sweep') throw new UsageError(`unknown retention command '${sub}' (sweep)`);
  const { values, help: wantsHelp } = parse(rest, commonOptions, { min: 0, max: 0 });
  if (wantsHelp) return printHelp('retention', out);
  return withToezicht(configFrom(values), (t) => runRetentionSweep(t.recording, out));
}

function printHelp(topic: string, out: Out): number {
  out(help[topic]!);
  return 0;
}

const commands: Record<string, (args: string[], out: Out, err: Out) => Promise<number>> = {
  profiles: profilesCommand,
  profile: profileCommand,
  deadline: deadlineCommand,
  serve: (a, o) => serveCommand(a, o, false),
  demo: (a, o) => serveCommand(a, o, true),
  migrate: migrateCommand,
  user: userCommand,
  logbook: logbookCommand,
  export: exportCommand,
  hold: holdCommand,
  recorder: recorderCommand,
  retention: retentionCommand,
};

/** Runs the command line; returns the exit code. Wrong arguments: one line on stderr, exit 2. */
export async function main(argv: string[], out: Out = (l) => console.log(l), err: Out = (l) => console.error(l)): Promise<number> {
  const [command, ...args] = argv;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') return printHelp('main', out);
    const run = commands[command];
    if (!run) throw new UsageError(`unknown command '${command}' (run 'toezicht --help')`);
    return await run(args, out, err);
  } catch (e) {
    if (e instanceof UsageError || e instanceof UnknownProfileError) {
      err(`toezicht: ${e.message}`);
      return 2;
    }
    if (e instanceof ConfigError) {
      err(e.message);
      return 2;
    }
    if (e instanceof DomainError) {
      err(`toezicht: ${e.message}${e.details.field ? ` (${e.details.field})` : ''}`);
      return 2;
    }
    err(`toezicht: ${(e as Error).message}`);
    return 1;
  }
}

