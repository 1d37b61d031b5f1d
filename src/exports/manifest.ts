import type { Gap } from './clip-plan.js';
import type { Derivation } from './derived-export.js';
import { pssSign, signatureAlgorithm, type SigningKey } from './signing-key.js';

/** The package manifest (issue 8 item 2): what was provided, to whom, on what basis, and each file's SHA-256. */
export interface Manifest {
  format: 'toezicht-export-manifest/1';
  exportId: string;
  exportingSystem: string;
  createdAt: string;
  operator: string;
  case: { ref: string; kind: string };
  legalBasis: string;
  recipient: string;
  cameras: { id: string; name: string }[];
  windows: { cameraId: string; from: string; to: string }[];
  clips: ManifestClip[];
  /** Other files of the package (README, receipt statement) and their hashes. */
  documents: { file: string; bytes: number; sha256: string }[];
  /** Present when the clip is a derivative (a redacted copy) of recorded footage: how it was made and from what. */
  derivation?: Derivation;
  signing: { algorithm: string; certificate: string; certificateSha256: string };
}

export interface ManifestClip {
  file: string;
  cameraId: string;
  from: string;
  to: string;
  /** The span the clip really covers (whole segments: keyframe boundaries). */
  actualStart: string | null;
  actualEnd: string | null;
  gaps: Gap[];
  segments: number;
  bytes: number;
  sha256: string;
}

export const manifestFile = 'manifest.json';
export const manifestSignatureFile = 'manifest.json.sig';

/** The manifest's bytes and its detached signature (base64 RSASSA-PSS over exactly those bytes). */
export function signManifest(manifest: Omit<Manifest, 'signing'>, key: SigningKey): { json: Buffer; signature: Buffer } {
  const full: Manifest = { ...manifest, signing: { algorithm: signatureAlgorithm, certificate: key.certificatePem, certificateSha256: key.fingerprint } };
  const json = Buffer.from(`${JSON.stringify(full, null, 2)}\n`, 'utf8');
  return { json, signature: Buffer.from(`${pssSign(key, json).toString('base64')}\n`, 'utf8') };
}
