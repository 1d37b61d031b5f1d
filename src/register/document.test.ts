import { describe, expect, it } from 'vitest';
import { tinyJpeg, tinyPdf, tinyPng } from '../../test/register/fixtures.js';
import { acceptDocument, maxDocumentBytes, safeFileName, sniffMediaType } from './document.js';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('evidence documents', () => {
  it('recognises PDF, JPEG and PNG by their first bytes', () => {
    expect(sniffMediaType(tinyPdf)).toBe('application/pdf');
    expect(sniffMediaType(tinyJpeg)).toBe('image/jpeg');
    expect(sniffMediaType(tinyPng)).toBe('image/png');
  });

  it.each([
    ['an HTML page named .pdf', new TextEncoder().encode('<html><script>alert(1)</script>'), 'document_type'],
    ['a GIF', new TextEncoder().encode('GIF89a....'), 'document_type'],
    ['a ZIP (docx)', bytes(0x50, 0x4b, 0x03, 0x04), 'document_type'],
    ['a truncated PNG signature', bytes(0x89, 0x50, 0x4e), 'document_type'],
    ['an empty file', new Uint8Array(0), 'document_empty'],
  ])('refuses %s', (_name, content, code) => {
    expect(() => acceptDocument(content)).toThrow(expect.objectContaining({ kind: 'invalid', code, details: { field: 'file' } }));
  });

  it('refuses a file over the size limit, and takes one at the limit', () => {
    const big = new Uint8Array(maxDocumentBytes + 1);
    big.set(tinyPdf);
    expect(() => acceptDocument(big)).toThrow(expect.objectContaining({ code: 'document_too_large' }));
    expect(acceptDocument(big.subarray(0, maxDocumentBytes))).toBe('application/pdf');
  });

  it('keeps a file name without path, quotes or control characters', () => {
    expect(safeFileName('C:\\Users\\x\\DPIA "hal".pdf', 'application/pdf')).toBe('DPIA hal.pdf');
    expect(safeFileName('../../etc/passwd', 'image/png')).toBe('passwd');
    expect(safeFileName('\u0000', 'image/png')).toBe('document.png');
  });
});
