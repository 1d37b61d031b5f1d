import { DomainError, invalid } from '../platform/errors.js';
import type { SecretBox } from '../platform/crypto.js';
import { evaluate } from '../protocol/evaluate.js';
import type { ProtocolProfile } from '../protocol/profile.schema.js';
import type { AreaType, Camera, RecordingMode, ViewChecklist } from './camera.js';
import { parseStreamUrl, type StreamCredentials } from './stream-url.js';

/** What a person enters for a camera. Credentials come as fields or inside the URL, never both. */
export interface CameraInput {
  siteId: string;
  name: string;
  location: string;
  areaType: AreaType;
  purposes?: string[];
  legalBasis?: string | null;
  responsible?: string | null;
  viewChecklist?: ViewChecklist;
  signageLocation?: string | null;
  signagePhotoDocumentId?: string | null;
  streamUrl?: string | null;
  username?: string;
  password?: string;
  /** Removes the stored credentials (when the camera no longer needs them). */
  clearCredentials?: boolean;
  secureConnection?: boolean;
  recordingMode?: RecordingMode;
  dummy?: boolean;
  hidden?: boolean;
  staffInView?: boolean;
  systematicPublic?: boolean;
}

export type CameraChanges = Partial<Omit<CameraInput, 'siteId'>>;

/** The fields whose new values the logboek may show; credentials appear only as "changed". */
export const loggableFields = [
  'name', 'location', 'areaType', 'purposes', 'legalBasis', 'responsible', 'signageLocation', 'streamUrl', 'secureConnection',
  'recordingMode', 'dummy', 'hidden', 'staffInView', 'systematicPublic',
] as const;

const forbid = (rule: string, code: string, message: { nl: string; en: string }, field: string) =>
  new DomainError('forbidden', code, message.en, { rule, field, message });

/** Applies the changes to the camera (or a blank one), checking them against the site's profile. */
export function applyCameraChanges(profile: ProtocolProfile, before: Camera, changes: CameraChanges): { camera: Camera; credentials: StreamCredentials | null | undefined } {
  const camera: Camera = { ...before };
  for (const key of ['name', 'location', 'areaType', 'recordingMode', 'dummy', 'hidden', 'staffInView', 'systematicPublic', 'secureConnection', 'purposes', 'viewChecklist'] as const) {
    if (changes[key] !== undefined) (camera as unknown as Record<string, unknown>)[key] = changes[key];
  }
  for (const key of ['legalBasis', 'responsible', 'signageLocation', 'signagePhotoDocumentId'] as const) {
    const value = changes[key];
    if (value !== undefined) camera[key] = typeof value === 'string' ? value.trim() || null : value;
  }
  camera.name = camera.name.trim();
  camera.location = camera.location.trim();
  if (!camera.name) throw invalid('camera_name_required', 'A camera needs a name', 'name');
  if (!camera.location) throw invalid('camera_location_required', 'Describe where the camera hangs', 'location');

  let credentials: StreamCredentials | null | undefined; // undefined: unchanged
  if (changes.streamUrl !== undefined) {
    if (changes.streamUrl === null || changes.streamUrl.trim() === '') {
      camera.streamUrl = null;
      credentials = null; // no connection, no credentials to keep
    } else {
      const parsed = parseStreamUrl(changes.streamUrl);
      camera.streamUrl = parsed.url;
      if (parsed.credentials) {
        if (changes.username !== undefined || changes.password !== undefined) {
          throw invalid('credentials_twice', 'Give the credentials either in the URL or in the username and password fields, not both', 'password');
        }
        credentials = parsed.credentials;
      }
      if (parsed.secure && changes.secureConnection === undefined) camera.secureConnection = true;
    }
  }
  if (changes.username !== undefined || changes.password !== undefined) {
    const username = changes.username ?? '';
    if (!username) throw invalid('username_required', 'A password needs a username', 'username');
    credentials = { username, password: changes.password ?? '' };
  }
  if (changes.clearCredentials) {
    if (credentials) throw invalid('credentials_conflict', 'Either set new credentials or clear them', 'clearCredentials');
    credentials = null;
  }
  if (credentials !== undefined) camera.hasCredentials = credentials !== null;
  checkAgainstProfile(profile, camera);
  return { camera, credentials };
}

function checkAgainstProfile(profile: ProtocolProfile, camera: Camera): void {
  const known = new Set(profile.purposes.items.map((p) => p.id));
  const unknownPurpose = camera.purposes.find((p) => !known.has(p));
  if (unknownPurpose) throw invalid('unknown_purpose', `The profile has no purpose '${unknownPurpose}'`, 'purposes');
  if (camera.legalBasis && !profile.legalBases.some((b) => b.basis === camera.legalBasis)) {
    throw invalid('unknown_legal_basis', `The profile does not name '${camera.legalBasis}' as a legal basis`, 'legalBasis');
  }
  const limits = new Set<string>(profile.cameras.placement.map((p) => p.limit));
  const unknownLimit = Object.keys(camera.viewChecklist).find((limit) => !limits.has(limit));
  if (unknownLimit) throw invalid('unknown_view_limit', `The profile sets no view limit '${unknownLimit}'`, `viewChecklist.${unknownLimit}`);
  if (camera.dummy && camera.hidden) throw invalid('dummy_hidden', 'A camera is a dummy or hidden, not both', 'hidden');
  if (camera.dummy) {
    const decision = evaluate(profile, 'install_camera', { dummy: true });
    if (!decision.allowed) throw forbid(decision.rule, 'dummy_not_allowed', decision.message, 'dummy');
    if (camera.streamUrl || camera.hasCredentials) throw invalid('dummy_connection', 'A dummy camera has no connection', 'streamUrl');
  }
  if (camera.hidden) {
    // Whether a hidden camera may be planned at all; the recorded suspicion is checked on activation (WEL-8).
    const decision = evaluate(profile, 'install_camera', { hidden: true, staffTheftOrFraudSuspicion: true });
    if (!decision.allowed) throw forbid(decision.rule, 'hidden_camera_forbidden', decision.message, 'hidden');
  }
  const recording = profile.retention.recording;
  if (recording.mode === 'motion' && camera.recordingMode === 'continuous') {
    const rule = recording.rules[0] ?? 'silent';
    throw forbid(rule, 'recording_mode', { nl: `Dit protocol neemt alleen op bij beweging (${rule}).`, en: `This protocol records on motion only (${rule}).` }, 'recordingMode');
  }
}

/** The recording mode a new camera gets when none is chosen: the profile's own, continuous where either will do. */
export function defaultRecordingMode(profile: ProtocolProfile): RecordingMode {
  return profile.retention.recording.mode === 'motion' ? 'motion' : 'continuous';
}

export function sealCredentials(secrets: SecretBox, credentials: StreamCredentials | null): string | null {
  return credentials ? secrets.seal(JSON.stringify(credentials)) : null;
}

export function openCredentials(secrets: SecretBox, sealed: string | null): StreamCredentials | null {
  return sealed ? (JSON.parse(secrets.open(sealed)) as StreamCredentials) : null;
}

/** The logboek's view of a change: new values of the plain fields, and only the fact that credentials changed. */
export function loggableChanges(changes: CameraChanges, storedUrl: string | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of loggableFields) if (changes[field] !== undefined) out[field] = changes[field];
  if (changes.streamUrl !== undefined) out.streamUrl = storedUrl; // without the credentials it may have carried
  if (changes.viewChecklist !== undefined) out.viewChecklist = Object.keys(changes.viewChecklist);
  if (changes.username !== undefined || changes.password !== undefined || changes.clearCredentials) out.credentialsChanged = true;
  return out;
}
