import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { assertStorageKey, FootageObjectMissing, type FootageBody, type FootageStore } from './footage-store.js';

export interface PendingObject {
  temp: string;
  target: string;
  dir: string;
}

/**
 * Footage on the local disk (the default, under <data>/footage). A write goes to a temporary file
 * that is flushed and renamed into place, so a crash or a full disk leaves either the whole
 * object or none (and never touches objects written before).
 */
export class LocalFootageStore implements FootageStore {
  readonly kind = 'local' as const;

  /** Directories made (or found) already: a camera's day directory is made once, not for every segment. */
  private readonly made = new Set<string>();

  constructor(readonly root: string) {
    fs.mkdirSync(root, { recursive: true, mode: 0o700 });
  }

  private file(key: string): string {
    return path.join(this.root, ...assertStorageKey(key).split('/'));
  }

  /**
   * Writes to a temporary file — synchronously, chunk by chunk (a write to the page cache; each chunk
   * is dropped at once) — then flushes it to disk without blocking (fsync), renames it into place and
   * flushes the directory.
   */
  async put(key: string, body: FootageBody): Promise<void> {
    const place = await this.prepare(key);
    let fd: number;
    try {
      fd = fs.openSync(place.temp, 'wx', 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      // The directory went (removed by hand): make it again.
      this.forget(place);
      fs.mkdirSync(place.dir, { recursive: true, mode: 0o700 });
      fd = fs.openSync(place.temp, 'wx', 0o600);
    }
    try {
      const write = (chunk: Buffer, position: number) => {
        for (let done = 0; done < chunk.length; ) done += fs.writeSync(fd, chunk, done, chunk.length - done, position + done);
      };
      if (Buffer.isBuffer(body)) write(body, 0);
      else body.writeTo(write);
      await new Promise<void>((resolve, reject) => fs.fsync(fd, (err) => (err ? reject(err) : resolve())));
    } catch (err) {
      fs.closeSync(fd);
      await fs.promises.rm(place.temp, { force: true });
      throw err;
    }
    fs.closeSync(fd);
    await this.commit(place);
  }

  /** Where an object is written before it is committed: a fresh temporary name in its directory (made if needed). */
  async prepare(key: string): Promise<PendingObject> {
    const target = this.file(key);
    const dir = path.dirname(target);
    if (!this.made.has(dir)) {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      if (this.made.size >= 4096) this.made.clear();
      this.made.add(dir);
    }
    return { temp: path.join(dir, `.tmp-${crypto.randomBytes(6).toString('hex')}`), target, dir };
  }

  /** A write into `place` found its directory gone (removed by hand): the next prepare makes it again. */
  forget(place: PendingObject): void {
    this.made.delete(place.dir);
  }

  /** Puts a temporary file that is complete and flushed to disk into place (atomic rename, directory flushed). */
  async commit(place: PendingObject): Promise<void> {
    await fs.promises.rename(place.temp, place.target);
    await syncDirectory(place.dir);
  }

  async get(key: string): Promise<Buffer> {
    try {
      return await fs.promises.readFile(this.file(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new FootageObjectMissing(key);
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.file(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    return fs.promises.access(this.file(key)).then(
      () => true,
      () => false,
    );
  }

  async *list(prefix: string): AsyncIterable<string> {
    const keys: string[] = [];
    const walk = async (dir: string, rel: string): Promise<void> => {
      let entries: fs.Dirent[];
      try {
        entries = await fs.promises.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        if (entry.name.startsWith('.tmp-')) continue;
        const key = rel ? `${rel}/${entry.name}` : entry.name;
        if (entry.isDirectory()) {
          if (prefix.startsWith(`${key}/`) || key.startsWith(prefix) || prefix.startsWith(key)) await walk(path.join(dir, entry.name), key);
        } else if (key.startsWith(prefix)) keys.push(key);
      }
    };
    await walk(this.root, '');
    yield* keys.sort();
  }

  async *entries(prefix: string): AsyncIterable<{ key: string; modifiedAt: Date }> {
    for await (const key of this.list(prefix)) {
      try {
        yield { key, modifiedAt: (await fs.promises.stat(this.file(key))).mtime };
      } catch {
        // removed meanwhile
      }
    }
  }

  async freeBytes(): Promise<number> {
    const stats = await fs.promises.statfs(this.root);
    return stats.bavail * stats.bsize;
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic.
  } finally {
    await handle.close();
  }
}
