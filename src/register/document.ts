import { invalid } from '../platform/errors.js';

/** Evidence documents: DPIAs, decisions, agreements (PDF) and photos of views and signs (JPEG, PNG). */
export const documentMediaTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentMediaType = (typeof documentMediaTypes)[number];

/** The largest document the register accepts: 10 MiB, enough for a scanned decision or a photo. */
export const maxDocumentBytes = 10 * 1024 * 1024;

export const extensionOf: Record<DocumentMediaType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

const signatures: { type: DocumentMediaType; bytes: number[] }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** The media type the content itself shows (magic bytes), whatever name or type the client claimed. */
export function sniffMediaType(content: Uint8Array): DocumentMediaType | null {
  const match = signatures.find((s) => s.bytes.every((byte, i) => content[i] === byte));
  return match?.type ?? null;
}

/** Checks size and type before anything is written; returns the media type to store. */
export function acceptDocument(content: Uint8Array, field = 'file'): DocumentMediaType {
  if (content.length === 0) throw invalid('document_empty', 'The file is empty', field);
  if (content.length > maxDocumentBytes) {
    throw invalid('document_too_large', `The file is larger than ${maxDocumentBytes / (1024 * 1024)} MiB`, field);
  }
  const type = sniffMediaType(content);
  if (!type) throw invalid('document_type', 'Only PDF, JPEG and PNG files are accepted', field);
  return type;
}

/** A file name safe to show and to offer in Content-Disposition: no path, no control or quote characters. */
export function safeFileName(name: string, type: DocumentMediaType): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f"';]/g, '').trim().slice(0, 120);
  return cleaned || `document.${extensionOf[type]}`;
}
