import fs from 'node:fs';
import path from 'node:path';

/** A render's lease as the work folders need it (JobLeases.lease). */
export type RenderLease = (renderId: string) => Promise<{ state: string; until: string | null } | undefined>;

const prefix = 'toezicht-redaction-';
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The render id in a work folder's name (`toezicht-redaction-<render id>-<random>`), or null for any other name. */
export function renderIdOf(name: string): string | null {
  if (!name.startsWith(prefix)) return null;
  const id = name.slice(prefix.length, prefix.length + 36);
  return uuid.test(id) && name[prefix.length + 36] === '-' ? id : null;
}

/**
 * The renders' temporary work folders (mode 0700; the redacted MP4 in progress, in the clear until it
 * is packaged), named after their render so that a folder left by a killed process can be found: the
 * worker that takes a render over removes that render's earlier folders (it holds the lease, so no
 * live process writes there), and every worker at start removes the folders of renders of this
 * database that no live lease holds (finished, cancelled, handed back, or whose holder died: the
 * lease ran out). A folder of a render still leased by a live process, possibly another instance
 * sharing this folder, is never touched, nor one whose render this database does not know (another
 * installation on the machine) or any other name.
 */
export class RenderWorkDirs {
  constructor(private readonly root: string, private readonly lease: RenderLease) {}

  /** A fresh folder for this render, after removing its earlier attempts' folders. The caller holds the render's lease. */
  async create(renderId: string): Promise<string> {
    for (const name of await this.names()) if (renderIdOf(name) === renderId) await this.remove(name);
    const dir = await fs.promises.mkdtemp(path.join(this.root, `${prefix}${renderId}-`));
    await fs.promises.chmod(dir, 0o700);
    return dir;
  }

  /** Removes the folders no live render owns; returns their names. */
  async removeLeftovers(now = new Date()): Promise<string[]> {
    const removed: string[] = [];
    for (const name of await this.names()) {
      const id = renderIdOf(name);
      if (!id) continue;
      const lease = await this.lease(id);
      if (!lease) continue;
      const live = lease.state === 'running' && lease.until !== null && lease.until >= now.toISOString();
      if (live) continue;
      await this.remove(name);
      removed.push(name);
    }
    return removed;
  }

  private async names(): Promise<string[]> {
    return (await fs.promises.readdir(this.root).catch(() => [] as string[])).filter((name) => name.startsWith(prefix));
  }

  private remove(name: string): Promise<void> {
    return fs.promises.rm(path.join(this.root, name), { recursive: true, force: true });
  }
}
