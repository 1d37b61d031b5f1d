import fs from 'node:fs';
import path from 'node:path';
import { AesZipWriter } from './aes-zip-writer.js';
import { sealBox, type ExportUnit } from './seal.js';
import { suepMetaBox, type SurveillanceExport } from './suep.js';
import { sha256, type SigningKey } from './signing-key.js';

/**
 * One package being written (issue 8 items 2–3), streaming: every MP4 is hashed while it passes,
 * its seal box appended, and the bytes encrypted straight into the ZIP. The ZIP is written under a
 * temporary name next to its final place (`.<name>.part`, 0600) and renamed only when it is
 * complete and signed, so no half-written package ever looks finished; abort() removes it. Only
 * ciphertext is ever written to disk.
 */
export class PackageBuilder {
  private constructor(private readonly zip: AesZipWriter, private readonly finalPath: string) {}

  /** `attempt` (a job's attempt number) names the temporary file; leftovers of earlier attempts of the same package are removed. */
  static async open(finalPath: string, password: string, at: Date, attempt = 1): Promise<PackageBuilder> {
    const dir = path.dirname(finalPath);
    await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
    const stem = `.${path.basename(finalPath)}.`;
    for (const name of await fs.promises.readdir(dir)) {
      const m = name.startsWith(stem) && /^a(\d+)\.part$/.exec(name.slice(stem.length));
      if (m && Number(m[1]) < attempt) await fs.promises.rm(path.join(dir, name), { force: true });
    }
    const part = path.join(dir, `${stem}a${attempt}.part`);
    await fs.promises.rm(part, { force: true });
    return new PackageBuilder(await AesZipWriter.create(part, password, at), finalPath);
  }

  /** Bytes of the package written so far. */
  get bytes(): number {
    return this.zip.bytes;
  }

  /**
   * Adds an MP4 from its chunks, sealed: the seal covers the SHA-256 of exactly the bytes that
   * passed. Returns the sealed file's size and SHA-256 (the manifest's values).
   */
  async addSealedMp4(name: string, media: AsyncIterable<Buffer>, unit: ExportUnit, key: SigningKey, onBytes?: (n: number) => void): Promise<{ bytes: number; sha256: string; mediaBytes: number }> {
    // mediaBytes: what the seal covers (the media and the suep meta box). The plaintext is hashed by the ZIP writer's thread, as it passes.
    const zip = this.zip;
    let mediaBytes = 0;
    let sealedBytes = 0;
    async function* sealed(): AsyncGenerator<Buffer> {
      for await (const chunk of media) {
        mediaBytes += chunk.length;
        yield chunk;
      }
      if (mediaBytes === 0) throw new Error(`no media bytes for ${name}`);
      // The ONVIF export-unit box (suep in a file-level meta box) follows the media; the seal covers both.
      const meta = suepMetaBox(surveillanceExportOf(unit));
      mediaBytes += meta.length;
      yield meta;
      const box = sealBox(mediaBytes, await zip.entryPlaintextSha256SoFar(), unit, key);
      sealedBytes = mediaBytes + box.length;
      yield box;
    }
    await this.zip.add(name, sealed(), onBytes);
    return { bytes: sealedBytes, sha256: this.zip.lastPlaintextSha256, mediaBytes };
  }

  /** A small document (README, receipt, manifest) as it is. */
  async addDocument(name: string, data: Buffer): Promise<{ bytes: number; sha256: string }> {
    await this.zip.add(name, [data]);
    return { bytes: data.length, sha256: sha256(data) };
  }

  /** Signs and closes the ZIP, then moves it to its final name (atomic within one file system). */
  async finish(key: SigningKey): Promise<{ file: string; bytes: number; sha256: string }> {
    const done = await this.zip.finish(key);
    try {
      await fs.promises.rename(this.zip.file, this.finalPath);
    } catch (err) {
      await fs.promises.rm(this.zip.file, { force: true });
      throw err;
    }
    return { file: this.finalPath, ...done };
  }

  async abort(): Promise<void> {
    await this.zip.abort();
  }
}

/** The export unit in the ONVIF suep fields: no URLs or MAC addresses are given out (not needed, and camera URLs can hold credentials). */
export function surveillanceExportOf(unit: ExportUnit): SurveillanceExport {
  return {
    exportUnitName: unit.exportingSystem, exportUnitUrl: '', exportUnitMac: '', exportTime: new Date(unit.exportTime), operator: unit.operator,
    tracks: [{ trackId: 1, sourceName: unit.sourceCamera.name, sourceUrl: '', sourceMac: '', sourceLine: unit.sourceCamera.id }],
  };
}
