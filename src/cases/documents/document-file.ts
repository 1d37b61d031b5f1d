import { invalid } from '../../platform/errors.js';

/** Checks on what people upload to a case: signed scans (PDF, PNG, JPEG) and drawn signatures (PNG). */
export const scanMediaTypes = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type ScanMediaType = (typeof scanMediaTypes)[number];

export const maxScanBytes = 10 * 1024 * 1024;
export const maxSignatureBytes = 512 * 1024;
export const maxSignaturePixels = 2000;

export const extensionOf: Record<ScanMediaType, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' };

const magic: { type: ScanMediaType; bytes: number[] }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];

/** The type the bytes themselves show, whatever name or type the client claimed. */
export function sniff(content: Uint8Array): ScanMediaType | null {
  return magic.find((m) => m.bytes.every((byte, i) => content[i] === byte))?.type ?? null;
}

export function acceptScan(content: Uint8Array): ScanMediaType {
  if (content.length === 0) throw invalid('document_empty', 'The file is empty', 'file');
  if (content.length > maxScanBytes) throw invalid('document_too_large', 'The file is larger than 10 MiB', 'file');
  const type = sniff(content);
  if (!type) throw invalid('document_type', 'Only PDF, PNG and JPEG files are accepted', 'file');
  return type;
}

/** A drawn signature: a PNG (data URL or base64) of sensible size, checked before it goes into a PDF. */
export function acceptSignature(dataUrlOrBase64: string): Buffer {
  const base64 = dataUrlOrBase64.replace(/^data:image\/png;base64,/, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) throw invalid('signature_encoding', 'The signature is not a base64 PNG', 'signaturePng');
  const png = Buffer.from(base64, 'base64');
  if (png.length > maxSignatureBytes) throw invalid('signature_too_large', 'The signature image is too large', 'signaturePng');
  if (sniff(png) !== 'image/png' || png.length < 33 || png.toString('latin1', 12, 16) !== 'IHDR') {
    throw invalid('signature_type', 'The signature must be a PNG image', 'signaturePng');
  }
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  if (width === 0 || height === 0 || width > maxSignaturePixels || height > maxSignaturePixels) {
    throw invalid('signature_size', 'The signature image has an unusable size', 'signaturePng');
  }
  return png;
}
