import crypto, { type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { checkpointMessage, checkpointSignatureValid } from './logbook.js';

/**
 * The Ed25519 key that signs logboek checkpoints. It lives in the data directory, not in the
 * database, so that someone who can rewrite the database cannot forge a checkpoint.
 *
 *   <dataDir>/keys/logbook-ed25519.pem      private key (PKCS#8), mode 0600
 *   <dataDir>/keys/logbook-ed25519.pub.pem  public key (SPKI)
 *
 * Any other `*.pub.pem` in that folder (a retired key, or the key of another node that shares
 * the database) is trusted for verification too.
 */
export const keyFileName = 'logbook-ed25519.pem';
const publicSuffix = '.pub.pem';

/** The key id stored with each checkpoint: SHA-256 (hex) of the public key's SPKI DER. */
export function keyIdOf(publicKey: KeyObject): string {
  return crypto.createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

export function keysDir(dataDir: string): string {
  return path.join(dataDir, 'keys');
}

export class CheckpointKey {
  readonly keyId: string;
  /** Every public key trusted for verification, by key id (this key included). */
  readonly publicKeys: ReadonlyMap<string, KeyObject>;

  private constructor(
    private readonly privateKey: KeyObject,
    readonly publicKey: KeyObject,
    trusted: ReadonlyMap<string, KeyObject> = new Map(),
  ) {
    this.keyId = keyIdOf(publicKey);
    this.publicKeys = new Map([...trusted, [this.keyId, publicKey]]);
  }

  /** Loads the key from the data directory, creating it (once, atomically) when there is none. */
  static loadOrCreate(dataDir: string): CheckpointKey {
    const dir = keysDir(dataDir);
    const file = path.join(dir, keyFileName);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!fs.existsSync(file)) createKeyFile(file);
    const privateKey = crypto.createPrivateKey(fs.readFileSync(file));
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file} does not hold an Ed25519 key`);
    if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
    const publicKey = crypto.createPublicKey(privateKey);
    const publicFile = file.replace(/\.pem$/, publicSuffix);
    if (!fs.existsSync(publicFile)) fs.writeFileSync(publicFile, publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
    return new CheckpointKey(privateKey, publicKey, loadPublicKeys(dataDir));
  }

  /** A key that exists only in memory (tests, benchmarks). */
  static generate(): CheckpointKey {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
    return new CheckpointKey(privateKey, publicKey);
  }

  /** Base64 Ed25519 signature over "seq:hash". */
  sign(seq: number, hash: string): string {
    return crypto.sign(null, checkpointMessage(seq, hash), this.privateKey).toString('base64');
  }

  verify(seq: number, hash: string, signature: string): boolean {
    return checkpointSignatureValid(this.publicKey, { seq, hash, signature });
  }
}

/**
 * The public keys trusted for verification, read from `<dataDir>/keys` without creating
 * anything (the verify command is read-only): every `*.pub.pem`, and the public half of the
 * private key when its `.pub.pem` is missing.
 */
export function loadPublicKeys(dataDir: string): Map<string, KeyObject> {
  const dir = keysDir(dataDir);
  const keys = new Map<string, KeyObject>();
  if (!fs.existsSync(dir)) return keys;
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    let key: KeyObject | null = null;
    if (name.endsWith(publicSuffix)) key = crypto.createPublicKey(fs.readFileSync(file));
    else if (name === keyFileName) key = crypto.createPublicKey(crypto.createPrivateKey(fs.readFileSync(file)));
    if (key && key.asymmetricKeyType === 'ed25519') keys.set(keyIdOf(key), key);
  }
  return keys;
}

/** Writes a fresh key next to its final name, then links it into place: a racing process either wins or reads ours. */
function createKeyFile(file: string): void {
  const { privateKey } = crypto.generateKeyPairSync('ed25519');
  const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(temporary, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  try {
    fs.linkSync(temporary, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}
