import fs from 'node:fs';
import path from 'node:path';
import { invalid } from '../platform/errors.js';

/**
 * Removable-drive output (issue 8 item 3): a package may be written straight to a folder on a
 * mounted drive, but only under one of the configured roots (TOEZICHT_EXPORT_DRIVES, e.g.
 * /media,/mnt). The folder must exist, lie inside a root after every symbolic link is resolved
 * (so a link cannot lead out), be a writable directory and have room for the package plus a
 * margin. Returns the resolved folder. Every problem is a 400 naming it.
 */
export const driveMarginBytes = 16 * 1024 * 1024;

export function insideRoot(folder: string, root: string): boolean {
  const rel = path.relative(root, folder);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export async function resolveDriveFolder(requested: string, roots: readonly string[], neededBytes: number): Promise<string> {
  const fail = (message: string) => invalid('export_destination', message, 'destination');
  if (roots.length === 0) throw fail('writing to a removable drive is not enabled here (no TOEZICHT_EXPORT_DRIVES configured)');
  if (!path.isAbsolute(requested)) throw fail('the destination must be an absolute folder path on a mounted drive');
  let real: string;
  try {
    real = await fs.promises.realpath(requested);
  } catch {
    throw fail(`the destination ${requested} does not exist (is the drive mounted?)`);
  }
  const realRoots = await Promise.all(roots.map((r) => fs.promises.realpath(r).catch(() => null)));
  if (!realRoots.some((r) => r !== null && insideRoot(real, r))) throw fail(`the destination must lie under ${roots.join(' or ')}`);
  const stat = await fs.promises.stat(real);
  if (!stat.isDirectory()) throw fail('the destination is not a folder');
  try {
    await fs.promises.access(real, fs.constants.W_OK);
    // access() does not see a read-only mount for root: a probe file does.
    const probe = path.join(real, `.toezicht-probe-${process.pid}-${Date.now()}`);
    await fs.promises.writeFile(probe, '', { flag: 'wx' });
    await fs.promises.rm(probe, { force: true });
  } catch {
    throw fail('the destination is not writable (read-only drive or no permission)');
  }
  const space = await fs.promises.statfs(real);
  const free = Number(space.bavail) * Number(space.bsize);
  if (free < neededBytes + driveMarginBytes) {
    throw fail(`not enough free space on the drive: ${Math.ceil((neededBytes + driveMarginBytes) / 1e6)} MB needed, ${Math.floor(free / 1e6)} MB free`);
  }
  return real;
}
