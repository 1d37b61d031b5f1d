import { configure, ZipReader } from '@zip.js/zip.js';
import { bufferSource, SourceZipReader, type ByteSource } from './byte-source.js';
import { digestBuffer, FileDigester, type FileDigest } from './file-digest.js';
import { manifestFile, manifestSignatureFile, type Manifest } from './manifest.js';
import { verifyMp4Seal, type Check, type SealResult } from './seal.js';
import { certificateFingerprint, pssVerify } from './signing-key.js';
import { verifyZipSealSource } from './zip-seal.js';

configure({ useWebWorkers: false });

/**
 * Verification (issue 8 item 4, INV-6), pure: bytes in, a list of named checks out. The CLI, the
 * API and the public page all call these. Every check names the file and what failed.
 */
export interface VerifyReport {
  ok: boolean;
  kind: 'package' | 'mp4' | 'manifest' | 'unknown';
  /** SHA-256 of the signing certificate, to compare with the value the exporting organisation publishes. */
  certificateSha256: string | null;
  checks: Check[];
}

function report(kind: VerifyReport['kind'], checks: Check[], certificateSha256: string | null): VerifyReport {
  return { ok: checks.length > 0 && checks.every((c) => c.ok), kind, certificateSha256, checks };
}

export function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;
}

/** One sealed MP4 on its own: its seal (hash of the media bytes, signature, certificate). */
export function verifyMp4(file: Buffer, name: string): VerifyReport {
  return mp4Report(verifyMp4Seal(file, name), name);
}

/** A sealed MP4's report from its seal checks (computed in memory or while streaming). */
export function mp4Report(seal: SealResult, name: string): VerifyReport {
  const checks = [...seal.checks];
  let fingerprint: string | null = null;
  if (seal.payload) {
    try {
      fingerprint = certificateFingerprint(seal.payload.certificate);
      const ok = fingerprint === seal.payload.certificateSha256;
      checks.push({ name: `${name}: certificate`, ok, detail: ok ? `certificate SHA-256 ${fingerprint}` : 'the embedded certificate does not match its fingerprint' });
    } catch {
      checks.push({ name: `${name}: certificate`, ok: false, detail: 'the embedded certificate is not readable' });
    }
  }
  return report('mp4', checks, fingerprint);
}

/**
 * The manifest and its signature; with `files`, also every file it lists (hash, and each MP4's seal
 * signed by the same certificate) and no file that it does not list.
 */
export function verifyManifest(json: Buffer, signature: Buffer | null, files: Map<string, Buffer> | null): VerifyReport {
  return verifyManifestDigests(json, signature, files ? new Map([...files].map(([name, data]) => [name, digestBuffer(data, name)])) : null);
}

/** The same, over the files' digests (gathered while they streamed: see file-digest.ts). */
export function verifyManifestDigests(json: Buffer, signature: Buffer | null, files: Map<string, FileDigest> | null): VerifyReport {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(json.toString('utf8')) as Manifest;
    if (!manifest.signing?.certificate || !Array.isArray(manifest.clips)) throw new Error('incomplete');
  } catch {
    return report('manifest', [{ name: `${manifestFile}: readable`, ok: false, detail: 'the manifest is damaged (not readable JSON of a Toezicht export)' }], null);
  }
  const checks: Check[] = [];
  let fingerprint: string | null = null;
  try {
    fingerprint = certificateFingerprint(manifest.signing.certificate);
  } catch {
    checks.push({ name: `${manifestFile}: certificate`, ok: false, detail: 'the embedded certificate is not readable' });
  }
  const signed = signature !== null && pssVerify(manifest.signing.certificate, json, Buffer.from(signature.toString('utf8').trim(), 'base64'));
  checks.push({
    name: `${manifestFile}: signature`, ok: signed,
    detail: signature === null ? `${manifestSignatureFile} is missing` : signed ? 'valid RSASSA-PSS/SHA-256 signature' : `the manifest or ${manifestSignatureFile} was altered (signature does not verify)`,
  });
  if (!files) return report('manifest', checks, fingerprint);

  const listed = new Set([manifestFile, manifestSignatureFile]);
  for (const entry of [...manifest.clips, ...(manifest.documents ?? [])]) {
    listed.add(entry.file);
    const digest = files.get(entry.file);
    if (!digest) {
      checks.push({ name: `${entry.file}: present`, ok: false, detail: 'listed in the manifest but missing' });
      continue;
    }
    const actual = digest.sha256;
    checks.push({ name: `${entry.file}: SHA-256`, ok: actual === entry.sha256, detail: actual === entry.sha256 ? actual : `is ${actual}, the manifest says ${entry.sha256}` });
    if (entry.file.endsWith('.mp4') && digest.seal) {
      const seal = mp4Report(digest.seal, entry.file);
      checks.push(...seal.checks.filter((c) => !c.name.endsWith(': certificate')));
      if (seal.certificateSha256) {
        const same = seal.certificateSha256 === fingerprint;
        checks.push({ name: `${entry.file}: signer`, ok: same, detail: same ? 'sealed with the manifest\'s certificate' : 'sealed with another certificate than the manifest' });
      }
    }
  }
  for (const name of files.keys()) if (!listed.has(name)) checks.push({ name: `${name}: listed`, ok: false, detail: 'in the package but not in the manifest' });
  return report('manifest', checks, fingerprint);
}

/**
 * The encrypted package: opens every entry (WinZip AES authentication), then the manifest, the files
 * and the ZIP's own seal. Each entry streams through a digester, so a file on disk of any size is
 * verified in bounded memory (`source` from byte-source.ts; a Buffer is an upload in memory).
 */
export async function verifyPackage(zip: Buffer | ByteSource, password: string | undefined, name = 'package'): Promise<VerifyReport> {
  if (!password) return report('package', [{ name: `${name}: password`, ok: false, detail: 'the package is encrypted: give its password' }], null);
  const source = Buffer.isBuffer(zip) ? bufferSource(zip) : zip;
  const files = new Map<string, FileDigest>();
  const checks: Check[] = [];
  let reader: ZipReader<unknown> | null = null;
  try {
    reader = new ZipReader(new SourceZipReader(source), { password, checkSignature: true });
    for (const entry of await reader.getEntries()) {
      if (entry.directory) continue;
      const small = entry.filename === manifestFile || entry.filename === manifestSignatureFile; // kept whole: read below
      const digester = new FileDigester(entry.filename, entry.filename.endsWith('.mp4'), small ? 64 * 1024 * 1024 : 0);
      try {
        await entry.getData!(new WritableStream<Uint8Array>({ write: (chunk) => digester.update(chunk) }), { password, checkSignature: true });
        files.set(entry.filename, digester.finish());
      } catch (err) {
        const wrong = /password/i.test(String((err as Error).message));
        checks.push({ name: `${name}: ${entry.filename}`, ok: false, detail: wrong ? 'wrong password' : `the entry was altered (${(err as Error).message})` });
      }
    }
  } catch (err) {
    checks.push({ name: `${name}: ZIP structure`, ok: false, detail: `not a readable ZIP (${(err as Error).message})` });
  } finally {
    await reader?.close().catch(() => undefined);
  }
  const json = files.get(manifestFile)?.content;
  if (!json) {
    if (!checks.some((c) => !c.ok)) checks.push({ name: `${name}: ${manifestFile}`, ok: false, detail: 'the package holds no manifest' });
    return report('package', checks, null);
  }
  const inner = verifyManifestDigests(json, files.get(manifestSignatureFile)?.content ?? null, files);
  checks.push(...inner.checks);
  try {
    const certificate = (JSON.parse(json.toString('utf8')) as Manifest).signing.certificate;
    const seal = await verifyZipSealSource(source, certificate);
    checks.push({ name: `${name}: package signature`, ...seal });
  } catch {
    /* the manifest check above already failed */
  }
  return report('package', checks, inner.certificateSha256);
}

/** Decides by content what was uploaded (a package, a sealed MP4, a manifest). */
export async function verifyUpload(name: string, bytes: Buffer, o: { password?: string; signature?: Buffer | null; files?: Map<string, Buffer> | null } = {}): Promise<VerifyReport> {
  if (isZip(bytes)) return verifyPackage(bytes, o.password, name);
  if (bytes.subarray(bytes.length - 8).toString('latin1') === 'TZSEAL01' || bytes.toString('latin1', 4, 8) === 'ftyp') return verifyMp4(bytes, name);
  if (bytes.subarray(0, 64).toString('utf8').trimStart().startsWith('{')) return verifyManifest(bytes, o.signature ?? null, o.files ?? null);
  return report('unknown', [{ name, ok: false, detail: 'not a Toezicht export package, sealed MP4 or manifest' }], null);
}
