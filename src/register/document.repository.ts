import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Executor } from '../auth/user.repository.js';
import type { Schema } from '../platform/db/schema.js';
import type { DocumentRow } from './register.table.js';

export class DocumentRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async findById(id: string, ex: Executor = this.db): Promise<DocumentRow | undefined> {
    return ex.selectFrom('register_documents').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async existing(ids: readonly string[], ex: Executor = this.db): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await ex.selectFrom('register_documents').select('id').where('id', 'in', [...ids]).execute();
    return new Set(rows.map((r) => r.id));
  }

  async countByPath(storedPath: string, ex: Executor = this.db): Promise<number> {
    const row = await ex
      .selectFrom('register_documents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('stored_path', '=', storedPath)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insert(row: DocumentRow, ex: Executor = this.db): Promise<void> {
    await ex.insertInto('register_documents').values(row).execute();
  }
}

export class DocumentAltered extends Error {
  constructor(readonly storedPath: string) {
    super(`document ${storedPath} does not match its SHA-256`);
  }
}

/**
 * The document files under <dataDir>/documents, addressed by their SHA-256 (the same bytes are
 * kept once). A file is written to a temporary name and renamed into place, so a reader never
 * sees half a file; reading re-checks the hash, so a changed file is noticed.
 */
export class DocumentStore {
  private readonly root: string;

  constructor(dataDir: string) {
    this.root = path.join(dataDir, 'documents');
  }

  /** Writes the bytes (unless already there) and returns the path relative to the data directory. */
  write(sha256: string, extension: string, content: Uint8Array): { storedPath: string; created: boolean } {
    const relative = path.posix.join('documents', sha256.slice(0, 2), `${sha256}.${extension}`);
    const file = this.absolute(relative);
    if (fs.existsSync(file)) return { storedPath: relative, created: false };
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const temporary = `${file}.${crypto.randomBytes(6).toString('hex')}.tmp`;
    try {
      fs.writeFileSync(temporary, content, { mode: 0o600, flag: 'wx' });
      fs.renameSync(temporary, file);
    } catch (err) {
      fs.rmSync(temporary, { force: true });
      throw err;
    }
    return { storedPath: relative, created: true };
  }

  read(storedPath: string, sha256: string): Buffer {
    const content = fs.readFileSync(this.absolute(storedPath));
    if (crypto.createHash('sha256').update(content).digest('hex') !== sha256) throw new DocumentAltered(storedPath);
    return content;
  }

  remove(storedPath: string): void {
    fs.rmSync(this.absolute(storedPath), { force: true });
  }

  private absolute(relative: string): string {
    const file = path.resolve(path.dirname(this.root), relative);
    if (!file.startsWith(this.root + path.sep)) throw new Error('document path outside the documents folder');
    return file;
  }
}
