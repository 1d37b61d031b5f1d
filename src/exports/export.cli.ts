import fs from 'node:fs';
import path from 'node:path';
import { openFileSource, type ByteSource } from './byte-source.js';
import { FileDigester, type FileDigest } from './file-digest.js';
import { manifestSignatureFile, type Manifest } from './manifest.js';
import { isZip, mp4Report, verifyManifestDigests, verifyPackage, verifyUpload, type VerifyReport } from './verify.js';

type Out = (line: string) => void;

/** Thrown for a file that cannot be read: the CLI maps it to exit 2 (a usage problem, not a failed check). */
export class UnreadableInput extends Error {}

/**
 * `toezicht export verify <package.zip | file.mp4 | manifest.json> [--password …]`: offline, needs no
 * database. A manifest is checked with its .sig and the files it lists next to it. Exit 0 when every
 * check passes, 1 naming each failing check.
 */
export async function runExportVerify(o: { file: string; password?: string; out: Out }): Promise<number> {
  let source: Awaited<ReturnType<typeof openFileSource>>;
  try {
    source = await openFileSource(o.file);
  } catch (err) {
    throw new UnreadableInput(`cannot read ${o.file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const name = path.basename(o.file);
  let report: VerifyReport;
  try {
    report = await verifyFile(o.file, name, source, o.password);
  } finally {
    await source.close();
  }
  for (const check of report.checks) o.out(`${check.ok ? 'OK  ' : 'FAIL'} ${check.name}: ${check.detail}`);
  if (report.certificateSha256) o.out(`signing certificate SHA-256: ${report.certificateSha256} (compare with the value the exporting organisation gave you)`);
  const failed = report.checks.filter((c) => !c.ok);
  o.out(failed.length === 0 ? `verified: ${name} is intact (${report.checks.length} checks)` : `NOT verified: ${failed.map((c) => c.name).join('; ')}`);
  return failed.length === 0 ? 0 : 1;
}

/**
 * Reads the file piecewise: a package (ZIP) entry by entry, a sealed MP4 or a manifest's listed files
 * streamed through a digester — an hour's package (≈ 2 GB) is verified in bounded memory.
 */
async function verifyFile(file: string, name: string, source: ByteSource, password: string | undefined): Promise<VerifyReport> {
  const head = await source.read(0, 64);
  if (isZip(head)) return verifyPackage(source, password, name);
  if (head.toString('utf8').trimStart().startsWith('{') && source.size <= maxManifestBytes) {
    const bytes = await source.read(0, source.size);
    const dir = path.dirname(file);
    const readIf = (f: string) => (fs.existsSync(path.join(dir, f)) ? fs.readFileSync(path.join(dir, f)) : null);
    const files = new Map<string, FileDigest>();
    try {
      const manifest = JSON.parse(bytes.toString('utf8')) as Manifest;
      for (const entry of [...(manifest.clips ?? []), ...(manifest.documents ?? [])]) {
        const listed = entry.file && path.basename(entry.file) === entry.file ? path.join(dir, entry.file) : null;
        if (listed && fs.existsSync(listed)) files.set(entry.file, await digestFile(listed, entry.file, entry.file.endsWith('.mp4')));
      }
    } catch {
      /* verifyManifestDigests names the damage */
    }
    // Files of the package that sit next to the manifest but are not named by it are not this export's business here.
    return verifyManifestDigests(bytes, readIf(manifestSignatureFile), files);
  }
  const tail = await source.read(Math.max(0, source.size - 8), 8);
  if (tail.toString('latin1') === 'TZSEAL01' || head.toString('latin1', 4, 8) === 'ftyp') {
    const digest = await digestFile(file, name, true);
    return mp4Report(digest.seal!, name);
  }
  return verifyUpload(name, head);
}

const maxManifestBytes = 64 * 1024 * 1024;

async function digestFile(file: string, label: string, mp4: boolean): Promise<FileDigest> {
  const digester = new FileDigester(label, mp4, 0);
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 4 * 1024 * 1024 })) digester.update(chunk as Buffer);
  return digester.finish();
}
