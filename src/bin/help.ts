/** Help texts of every command (`toezicht <command> --help`). */
export const help: Record<string, string> = {
  main: `Usage: toezicht <command> [options]

Commands:
  serve              Run Toezicht (API, web UI, logboek checkpoints)
  demo               Run Toezicht with a demo organisation and one account per role
  migrate            Bring the database schema up to date and exit
  user add|passwd|disable   Manage personal accounts
  logbook verify     Re-compute the logboek hash chain and its signed checkpoints
  profiles           List the shipped protocol profiles
  profile show|validate   Print a profile as JSON / validate a profile file
  deadline           Compute a request's deadline under a profile

Environment: TOEZICHT_DATA (data directory, default ./data), DATABASE_URL (postgres://…; default embedded SQLite),
TOEZICHT_PROFILE (protocol profile, default domijn), TOEZICHT_PORT, TOEZICHT_HOST, TOEZICHT_LOG_LEVEL, TOEZICHT_SECURE_COOKIES, TOEZICHT_SESSION_IDLE_MINUTES,
TOEZICHT_SESSION_ABSOLUTE_HOURS, TOEZICHT_CHECKPOINT_INTERVAL_SECONDS.
Run 'toezicht <command> --help' for a command's options.`,
  serve: `Usage: toezicht serve [--port N] [--host ADDR] [--data DIR] [--profile ID]

Runs Toezicht. On the first run (no accounts yet) it creates the account 'admin' and prints its
one-time password once; the admin sets a new password and a second factor at first login.
--profile ID  the protocol profile this organisation follows (domijn, welwonen, mozaiek, soest,
              wooncompas; default domijn or TOEZICHT_PROFILE): it decides roles and permissions.`,
  demo: `Usage: toezicht demo [--port N] [--host ADDR] [--data DIR] [--profile ID] [--seed-only]

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
  profiles: `Usage: toezicht profiles

Lists the shipped protocol profiles: id, organisation, title, version.`,
  profile: `Usage:
  toezicht profile show <id>        print the profile as JSON
  toezicht profile validate <file>  validate a profile JSON file (exit 0 valid, 1 invalid, 2 unreadable)`,
  deadline: `Usage: toezicht deadline --profile ID --kind KIND --received ISO-8601-TIMESTAMP

Prints one JSON object with the due date (YYYY-MM-DD), the rule and the calculation steps.
Kinds: access, erasure, restriction, objection, retention-extension, police, third-party.
A kind the profile forbids prints {"allowed": false, "rule": …} and exits 0.`,
};
