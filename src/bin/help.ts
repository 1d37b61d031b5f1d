/** Help texts of every command (`toezicht <command> --help`). */
export const help: Record<string, string> = {
  main: `Usage: toezicht <command> [options]

Commands:
  serve              Run Toezicht (API, web UI, logboek checkpoints)
  demo               Run Toezicht with a demo organisation and one account per role
  migrate            Bring the database schema up to date and exit
  user add|passwd|disable   Manage personal accounts
  logbook verify     Re-compute the logboek hash chain and its signed checkpoints
  export verify     Check an export package, sealed MP4 or manifest: seal, signatures, every hash
  hold add|release|list   Secure footage (veiligstellen) by hand, release a hold, list holds
  recorder status    Per camera: recording or offline, storage, oldest footage, retention limit
  recorder scan      Orphaned store objects and lost footage (--fix to clean up)
  recorder rotate-key  Re-wrap the day keys under a new master key
  retention sweep    Run the retention sweep now (it also runs every TOEZICHT_RETENTION_SWEEP_MINUTES)
  profiles           List the shipped protocol profiles
  profile show|validate   Print a profile as JSON / validate a profile file
  deadline           Compute a request's deadline under a profile

Environment: TOEZICHT_DATA (data directory, default ./data), DATABASE_URL (postgres://…; default embedded SQLite),
TOEZICHT_PROFILE (protocol profile, default domijn), TOEZICHT_PORT, TOEZICHT_HOST, TOEZICHT_LOG_LEVEL, TOEZICHT_SECURE_COOKIES, TOEZICHT_SESSION_IDLE_MINUTES,
TOEZICHT_SESSION_ABSOLUTE_HOURS, TOEZICHT_CHECKPOINT_INTERVAL_SECONDS.
Recorder: TOEZICHT_RECORDER (on/off), TOEZICHT_FOOTAGE_DIR, TOEZICHT_FOOTAGE_STORE (local|s3, with TOEZICHT_S3_ENDPOINT,
_BUCKET, _REGION, _ACCESS_KEY_ID, _SECRET_ACCESS_KEY, _FORCE_PATH_STYLE, _PREFIX), TOEZICHT_MASTER_KEY or TOEZICHT_MASTER_KEY_FILE,
TOEZICHT_FOOTAGE_MIN_FREE_MB, TOEZICHT_FFMPEG, TOEZICHT_FFPROBE, TOEZICHT_SEGMENT_SECONDS, TOEZICHT_RETENTION_SWEEP_MINUTES (docs/recorder.md).
Watching: TOEZICHT_MEDIA_TOKEN_KEY or TOEZICHT_MEDIA_TOKEN_KEY_FILE (the same on every API server), TOEZICHT_MEDIA_TOKEN_PREVIOUS_KEY (docs/viewing.md).
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
  export: `Usage: toezicht export verify <package.zip | file.mp4 | manifest.json> [--password PASSWORD]

Checks an evidence export offline: the MP4 seals (hash of the video bytes, RSASSA-PSS signature,
embedded certificate), the manifest's signature, every file's SHA-256 and the package's own
signature. A package needs its password (--password or TOEZICHT_EXPORT_PASSWORD); a manifest is
checked with manifest.json.sig and the files next to it. Exit 0 when everything checks out, 1
naming each check that fails, 2 when the file cannot be read or the arguments are wrong.`,
  profiles: `Usage: toezicht profiles

Lists the shipped protocol profiles: id, organisation, title, version.`,
  profile: `Usage:
  toezicht profile show <id>        print the profile as JSON
  toezicht profile validate <file>  validate a profile JSON file (exit 0 valid, 1 invalid, 2 unreadable)`,
  deadline: `Usage: toezicht deadline --profile ID --kind KIND --received ISO-8601-TIMESTAMP

Prints one JSON object with the due date (YYYY-MM-DD), the rule and the calculation steps.
Kinds: access, erasure, restriction, objection, retention-extension, police, third-party.
A kind the profile forbids prints {"allowed": false, "rule": …} and exits 0.`,
  hold: `Usage:
  toezicht hold add --camera ID [--camera ID …] --from ISO --to ISO --reason TEXT [--case REF] [--data DIR]
  toezicht hold release <hold id> --reason TEXT [--data DIR]
  toezicht hold list [--camera ID] [--case REF] [--all] [--data DIR]

A hold keeps the footage of its cameras in the window past the retention limit, from every deletion
(sweep, disk pressure, by hand), until it is released (INV-2). Each change is in the logboek.`,
  recorder: `Usage:
  toezicht recorder status [--json] [--data DIR]
  toezicht recorder scan [--fix] [--data DIR]
  toezicht recorder rotate-key --new-key-file FILE [--data DIR]

status: per camera: recording, offline since, storage used, oldest footage, retention limit, active holds; and alerts.
scan: store objects without an index row and index rows without an object; --fix deletes orphan objects older
  than an hour and rows of lost, unheld footage (logged). Exit 1 when something is amiss and not fixed.
rotate-key: re-wraps every day key under the master key in FILE (created 0600 when missing) in one
  transaction; then set TOEZICHT_MASTER_KEY_FILE to FILE for every Toezicht process.`,
  retention: `Usage: toezicht retention sweep [--data DIR]

Deletes footage past each camera's retention limit unless a hold covers it, destroys the keys of days
wholly past retention, and writes one summary entry in the logboek.`,
};
