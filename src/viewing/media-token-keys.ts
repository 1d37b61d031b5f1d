import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { MediaTokenKeys } from './media-urls.js';

/**
 * Where the media-URL key comes from (issue 6 item 7): TOEZICHT_MEDIA_TOKEN_KEY (32 bytes, base64),
 * the same on every API server behind one load balancer, so that a URL minted by one is accepted
 * by the others; else the key file (TOEZICHT_MEDIA_TOKEN_KEY_FILE, default
 * <data>/keys/media-token.key), created 0600 on first start, which servers sharing a data
 * directory share. Rotation: put the old key in TOEZICHT_MEDIA_TOKEN_PREVIOUS_KEY (comma-separated
 * for several) while the new one is rolled out; URLs signed with it stay valid until they expire
 * (minutes), after which the previous key can be dropped.
 */
export function loadMediaTokenKeys(o: { keyBase64: string; previousBase64: string; file: string }): MediaTokenKeys {
  const current = o.keyBase64 ? decodeKey(o.keyBase64, 'TOEZICHT_MEDIA_TOKEN_KEY') : keyFromFile(o.file);
  const previous = o.previousBase64
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
    .map((v) => decodeKey(v, 'TOEZICHT_MEDIA_TOKEN_PREVIOUS_KEY'));
  return { current, previous };
}

function keyFromFile(file: string): Buffer {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      fs.writeFileSync(file, `${crypto.randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another server created it first
    }
  }
  if ((fs.statSync(file).mode & 0o077) !== 0) throw new Error(`${file}: the media URL key must not be readable by group or others (chmod 600)`);
  return decodeKey(fs.readFileSync(file, 'utf8').trim(), file);
}

function decodeKey(value: string, source: string): Buffer {
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32) throw new Error(`${source}: the media URL key must be 32 bytes, base64-encoded`);
  return key;
}
