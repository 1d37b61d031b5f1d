import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { masterKeyId } from './footage-crypto.js';

/**
 * The footage master key: 32 bytes from configuration (TOEZICHT_MASTER_KEY, base64), or else the
 * key file (TOEZICHT_MASTER_KEY_FILE, default <data>/keys/footage-master.key), created on first
 * use with mode 0600 in a 0700 directory. Keep it apart from backups of the footage store.
 */
export interface MasterKey {
  key: Buffer;
  id: string;
}

export function loadMasterKey(options: { keyBase64?: string; file: string }): MasterKey {
  if (options.keyBase64) return fromBytes(Buffer.from(options.keyBase64, 'base64'), 'TOEZICHT_MASTER_KEY');
  if (!fs.existsSync(options.file)) {
    fs.mkdirSync(path.dirname(options.file), { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(options.file, `${crypto.randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another process created it first
    }
  }
  const mode = fs.statSync(options.file).mode & 0o077;
  if (mode !== 0) throw new Error(`${options.file}: the footage master key must not be readable by group or others (chmod 600)`);
  return fromBytes(Buffer.from(fs.readFileSync(options.file, 'utf8').trim(), 'base64'), options.file);
}

function fromBytes(key: Buffer, source: string): MasterKey {
  if (key.length !== 32) throw new Error(`${source}: the footage master key must be 32 bytes, base64-encoded`);
  return { key, id: masterKeyId(key) };
}
