import fs from 'node:fs';
import path from 'node:path';
import { manifestSignatureFile, type Manifest } from './manifest.js';
import { isZip, verifyManifest, verifyUpload, type VerifyReport } from './verify.js';

type Out = (line: string) => void;

/** Thrown for a file that cannot be read: the CLI maps it to exit 2 (a usage problem, not a failed check). */
export class UnreadableInput extends Error {}

/**
 * `toezicht export verify <package.zip | file.mp4 | manifest.json> [--password …]`: offline, needs no
 * database. A manifest is checked with its .sig and the files it lists next to it. Exit 0 when every
 * check passes, 1 naming each failing check.
 */
export async function runExportVerify(o: { file: string; password?: string; out: Out }): Promise<number> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(o.file);
  } catch (err) {
    throw new UnreadableInput(`cannot read ${o.file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const name = path.basename(o.file);
  let report: VerifyReport;
  if (!isZip(bytes) && bytes.subarray(0, 64).toString('utf8').trimStart().startsWith('{')) {
    const dir = path.dirname(o.file);
    const readIf = (file: string) => (fs.existsSync(path.join(dir, file)) ? fs.readFileSync(path.join(dir, file)) : null);
    const files = new Map<string, Buffer>();
    try {
      const manifest = JSON.parse(bytes.toString('utf8')) as Manifest;
      for (const entry of [...(manifest.clips ?? []), ...(manifest.documents ?? [])]) {
        const data = entry.file && path.basename(entry.file) === entry.file ? readIf(entry.file) : null;
        if (data) files.set(entry.file, data);
      }
    } catch {
      /* verifyManifest names the damage */
    }
    report = verifyManifest(bytes, readIf(manifestSignatureFile), files.size ? files : new Map());
    // Files of the package that sit next to the manifest but are not named by it are not this export's business here.
  } else {
    report = await verifyUpload(name, bytes, { password: o.password });
  }
  for (const check of report.checks) o.out(`${check.ok ? 'OK  ' : 'FAIL'} ${check.name}: ${check.detail}`);
  if (report.certificateSha256) o.out(`signing certificate SHA-256: ${report.certificateSha256} (compare with the value the exporting organisation gave you)`);
  const failed = report.checks.filter((c) => !c.ok);
  o.out(failed.length === 0 ? `verified: ${name} is intact (${report.checks.length} checks)` : `NOT verified: ${failed.map((c) => c.name).join('; ')}`);
  return failed.length === 0 ? 0 : 1;
}
