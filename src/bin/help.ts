/** Help texts of every command (`toezicht <command> --help`). */
export const help: Record<string, string> = {
  main: `Usage: toezicht <command> [options]

Commands:
  serve              Run Toezicht (API, web UI, logboek checkpoints)
  demo               Run Toezicht with a demo organisation and one account per role
  migrate            Bring the database schema up to date and exit
  user add|passwd|disable   Manage personal accounts
  logbook verify     Re-compute the logboek hash chain and its signed checkpoints

Environment: TOEZICHT_DATA (data directory, default ./data), DATABASE_URL (postgres://…; default embedded SQLite),
TOEZICHT_PORT, TOEZICHT_HOST, TOEZICHT_LOG_LEVEL, TOEZICHT_SECURE_COOKIES, TOEZICHT_SESSION_IDLE_MINUTES,
TOEZICHT_SESSION_ABSOLUTE_HOURS, TOEZICHT_CHECKPOINT_INTERVAL_SECONDS.
Run 'toezicht <command> --help' for a command's options.`,
  serve: `Usage: toezicht serve [--port N] [--host ADDR] [--data DIR]

Runs Toezicht. On the first run (no accounts yet) it creates the account 'admin' and prints its
one-time password once; the admin sets a new password and a second factor at first login.`,
  demo: `Usage: toezicht demo [--port N] [--host ADDR] [--data DIR] [--seed-only]

Creates the demo data (one account per role, password printed) and serves Toezicht.
--seed-only   create the demo data and exit`,
  migrate: `Usage: toezicht migrate [--data DIR]

Applies pending database migrations (SQLite under the data directory, or DATABASE_URL) and exits.`,
  user: `Usage:
  toezicht user add <username> --role ROLE --name "Display name" [--email E] [--external --expires ISO-DATE --organisation ORG] [--data DIR]
  toezicht user passwd <username> [--data DIR]
  toezicht user disable <username> [--data DIR]

'add' and 'passwd' print a one-time password once; the user chooses their own at first login.
Roles: admin, beheerder, wijkbeheerder, privacy_officer, auditor, manager, technisch_beheerder,
maintenance_partner, police, ovj (the last three are external accounts and need --expires).`,
  logbook: `Usage: toezicht logbook verify [--data DIR]

Re-computes the whole hash chain and checks every signed checkpoint. Exit 0 with a one-line
summary when intact; exit 1 naming the first broken sequence number otherwise.`,
};
