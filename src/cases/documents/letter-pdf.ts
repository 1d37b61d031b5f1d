import PDFDocument from 'pdfkit';
import { dutchDateTime, type LetterModel, type SignatureMark } from './letter-model.js';

/**
 * Renders a case document to PDF (A4, Dutch, tagged). A signed version carries the signature
 * drawn on screen (a PNG) with the signer's name and time under it; the standard Helvetica fonts
 * cover the Dutch texts (WinAnsi).
 */
const grey = '#4a4f57';

export function renderLetterPdf(letter: LetterModel, createdAt: Date, signature: SignatureMark | null = null): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 60,
    lang: 'nl-NL',
    tagged: true,
    displayTitle: true,
    pdfVersion: '1.7',
    info: { Title: letter.title, Author: letter.organisation, Creator: 'Toezicht', CreationDate: createdAt, ModDate: createdAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(11).fillColor(grey).text(letter.organisation);
  doc.moveDown(0.6);
  doc.font('Helvetica-Bold').fontSize(18).fillColor('black').text(letter.title, { paragraphGap: 10 });
  for (const [label, value] of letter.facts) {
    doc.font('Helvetica-Bold').fontSize(10).fillColor('black').text(`${label}: `, { continued: true });
    doc.font('Helvetica').text(value);
  }
  doc.moveDown(1);
  for (const paragraph of letter.paragraphs) doc.font('Helvetica').fontSize(10.5).fillColor('black').text(paragraph, { paragraphGap: 8, align: 'left' });
  if (letter.declarations.length > 0) {
    doc.moveDown(0.3);
    doc.font('Helvetica').fontSize(10.5).list(letter.declarations, { bulletRadius: 2, textIndent: 12, paragraphGap: 4 });
  }

  doc.moveDown(2);
  doc.font('Helvetica-Bold').fontSize(10.5).fillColor('black').text(letter.signature.label);
  if (signature) {
    doc.moveDown(0.3);
    doc.image(signature.png, { fit: [200, 80] });
    doc.moveDown(0.3);
    doc.font('Helvetica').fontSize(9.5).fillColor(grey).text(`Ondertekend door ${signature.signerName} op ${dutchDateTime(signature.signedAt)} (handtekening op het scherm).`);
  } else {
    doc.moveDown(3);
    doc.strokeColor('#999999').moveTo(doc.x, doc.y).lineTo(doc.x + 220, doc.y).stroke();
    doc.moveDown(0.4);
  }
  const who = [letter.signature.name, letter.signature.role].filter(Boolean).join(', ');
  if (who) doc.font('Helvetica').fontSize(10).fillColor('black').text(who);

  if (letter.rules.length > 0) {
    doc.moveDown(2);
    doc.font('Helvetica').fontSize(8).fillColor(grey).text(`Regels: ${letter.rules.join(', ')}. Opgesteld op ${dutchDateTime(createdAt)} met Toezicht.`);
  }
  doc.end();
  return done;
}
