import fs from 'node:fs';
import path from 'node:path';
import { sha256Hex } from '../platform/crypto.js';

/**
 * Case documents on disk under `<data>/cases/documents`, named by their SHA-256, written with
 * mode 0600. Reading checks the hash again: a file changed on disk is refused, not served.
 */
export class CaseFileStore {
  private readonly root: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'cases', 'documents');
  }

  write(content: Buffer, extension: string): { storedPath: string; sha256: string; created: boolean } {
    const sha256 = sha256Hex(content);
    const storedPath = `${sha256}.${extension}`;
    const file = path.join(this.root, storedPath);
    fs.mkdirSync(this.root, { recursive: true, mode: 0o700 });
    if (fs.existsSync(file)) return { storedPath, sha256, created: false };
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, content, { mode: 0o600 });
    fs.renameSync(temp, file);
    return { storedPath, sha256, created: true };
  }

  read(storedPath: string, sha256: string): Buffer {
    const content = fs.readFileSync(path.join(this.root, path.basename(storedPath)));
    if (sha256Hex(content) !== sha256) throw new Error(`case document ${storedPath} does not match its SHA-256`);
    return content;
  }

  remove(storedPath: string): void {
    fs.rmSync(path.join(this.root, path.basename(storedPath)), { force: true });
  }
}
