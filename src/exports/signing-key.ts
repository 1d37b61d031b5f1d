import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { bitString, explicit, integer, nul, oid, seq, set, time, utf8 } from './der.js';

/**
 * The export signing key (issue 8 item 2): RSA-3072 and a self-signed X.509 certificate, made on
 * first use in <dataDir>/keys/. An organisation replaces both files with its own key and a
 * certificate issued to it (PEM); the seal and the manifest embed whichever certificate is there.
 */
export interface SigningKey {
  privateKey: crypto.KeyObject;
  publicKey: crypto.KeyObject;
  /** The certificate, PEM. */
  certificatePem: string;
  /** SHA-256 over the certificate's DER, hex (what a recipient compares with the published value). */
  fingerprint: string;
}

export const keyFile = 'export-signing.key.pem';
export const certificateFile = 'export-signing.crt.pem';

export function loadOrCreateSigningKey(dataDir: string, subject = 'Toezicht export signing key', now = new Date()): SigningKey {
  const dir = path.join(dataDir, 'keys');
  const keyPath = path.join(dir, keyFile);
  const certPath = path.join(dir, certificateFile);
  if (!fs.existsSync(keyPath)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 3072 });
    fs.writeFileSync(keyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  }
  // A key without a certificate (first run interrupted, or an organisation's key alone) gets a self-signed one.
  if (!fs.existsSync(certPath)) fs.writeFileSync(certPath, selfSignedCertificate(crypto.createPrivateKey(fs.readFileSync(keyPath)), subject, now), { mode: 0o644 });
  const privateKey = crypto.createPrivateKey(fs.readFileSync(keyPath));
  const certificatePem = fs.readFileSync(certPath, 'utf8');
  const certificate = new crypto.X509Certificate(certificatePem);
  const publicKey = certificate.publicKey;
  const probe = Buffer.from('toezicht-key-check');
  if (!crypto.verify('sha256', probe, { key: publicKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING }, crypto.sign('sha256', probe, { key: privateKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING }))) {
    throw new Error(`${certPath} does not belong to ${keyPath}`);
  }
  const bits = publicKey.asymmetricKeyDetails?.modulusLength ?? 0;
  if (publicKey.asymmetricKeyType !== 'rsa' || bits < 2048) throw new Error('the export signing key must be RSA of at least 2048 bits');
  return { privateKey, publicKey, certificatePem, fingerprint: certificateFingerprint(certificatePem) };
}

export function certificateFingerprint(pem: string): string {
  return crypto.createHash('sha256').update(new crypto.X509Certificate(pem).raw).digest('hex');
}

/** A v3 self-signed certificate, ten years valid, signed sha256WithRSAEncryption. */
export function selfSignedCertificate(privateKey: crypto.KeyObject, commonName: string, now: Date): string {
  const spki = crypto.createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const algorithm = seq(oid('1.2.840.113549.1.1.11'), nul());
  const name = seq(set(seq(oid('2.5.4.3'), utf8(commonName))));
  const notAfter = new Date(now.getTime() + 10 * 365 * 86_400_000);
  const tbs = seq(explicit(0, integer(Buffer.from([2]))), integer(crypto.randomBytes(16)), algorithm, name, seq(time(now), time(notAfter)), name, spki);
  const signature = crypto.sign('sha256', tbs, privateKey);
  const der = seq(tbs, algorithm, bitString(signature));
  const b64 = der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

const pss = { padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
/** RSASSA-PSS parameters of every Toezicht signature (for a streaming crypto.Verify). */
export const pssOptions = pss;
export const signatureAlgorithm = 'RSASSA-PSS/SHA-256/MGF1-SHA-256/salt-32';

/** RSASSA-PSS with SHA-256 (as the ONVIF Export File Format's signature). */
export function pssSign(key: SigningKey, data: Buffer): Buffer {
  return crypto.sign('sha256', data, { key: key.privateKey, ...pss });
}

export function pssVerify(certificatePem: string, data: Buffer, signature: Buffer): boolean {
  try {
    return crypto.verify('sha256', data, { key: new crypto.X509Certificate(certificatePem).publicKey, ...pss }, signature);
  } catch {
    return false;
  }
}

export function sha256(data: Buffer | Uint8Array): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/** JSON with keys sorted at every level: the bytes a signature is made over. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object).sort().filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
