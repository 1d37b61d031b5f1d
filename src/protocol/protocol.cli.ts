import { readFileSync } from 'node:fs';
import { computeDeadline } from './deadline.js';
import { protocolProfileSchema } from './profile.schema.js';
import { getProfile, listProfiles } from './profiles/index.js';
import { requestKinds, type RequestKind } from './vocabulary.js';

/**
 * The protocol commands of the `toezicht` CLI (wired in src/bin). Each returns its exit code:
 * 0 done, 1 an invalid profile file, 2 wrong arguments (unknown profile or kind, bad timestamp,
 * unreadable file), with a one-line error.
 */
export type Out = (line: string) => void;

/** `toezicht profiles`: one line per shipped profile: id, organisation and title, profile version. */
export function runProfiles(out: Out): number {
  for (const profile of listProfiles()) {
    out(`${profile.id}\t${profile.organisation.name} \u2014 ${profile.title}\t${profile.version.profile}`);
  }
  return 0;
}

function unknownProfile(id: string, err: Out): number {
  err(`unknown profile '${id}' (known: ${listProfiles().map((profile) => profile.id).join(', ')})`);
  return 2;
}

/** `toezicht profile show <id>`: the profile as JSON. */
export function runProfileShow(id: string, out: Out, err: Out = out): number {
  const profile = getProfile(id);
  if (!profile) return unknownProfile(id, err);
  out(JSON.stringify(profile, null, 2));
  return 0;
}

/** `toezicht profile validate <file>`: checks a profile in a JSON file against the schema. */
export function runProfileValidate(file: string, out: Out, err: Out = out): number {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    err(`cannot read ${file} as JSON: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return 2;
  }
  const result = protocolProfileSchema.safeParse(data);
  if (result.success) {
    out(`valid: ${result.data.id} (${result.data.organisation.name} \u2014 ${result.data.title}, profile version ${result.data.version.profile})`);
    return 0;
  }
  for (const issue of result.error.issues) out(`invalid: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  return 1;
}

const timestampPattern = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** An ISO-8601 timestamp with a zone (Z or ±hh:mm), or null. A bare date or local time is ambiguous. */
export function parseTimestamp(text: string): Date | null {
  const match = timestampPattern.exec(text);
  if (!match) return null;
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return null;
  const day = match[1] ?? '';
  // Reject dates that do not exist (2026-02-30), which Date would roll over.
  return new Date(`${day}T00:00:00Z`).toISOString().startsWith(day) ? date : null;
}

function isRequestKind(value: string): value is RequestKind {
  return (requestKinds as readonly string[]).includes(value);
}

/** `toezicht deadline --profile <id> --kind <kind> --received <ISO-8601 timestamp>`: one JSON object. */
export function runDeadline(args: { profile: string; kind: string; received: string }, out: Out, err: Out = out): number {
  const profile = getProfile(args.profile);
  if (!profile) return unknownProfile(args.profile, err);
  if (!isRequestKind(args.kind)) {
    err(`unknown kind '${args.kind}' (known: ${requestKinds.join(', ')})`);
    return 2;
  }
  const received = parseTimestamp(args.received);
  if (!received) {
    err(`bad timestamp '${args.received}': expected ISO-8601 with a zone, e.g. 2026-01-30T23:30:00Z`);
    return 2;
  }
  const result = computeDeadline(profile, args.kind, received);
  if (!result.allowed) {
    out(JSON.stringify({ allowed: false, rule: result.rule }));
    return 0;
  }
  out(JSON.stringify({ profile: profile.id, kind: args.kind, allowed: true, received: result.received, due: result.due, rule: result.rule, steps: result.steps }));
  return 0;
}
