import PDFDocument from 'pdfkit';
import type { Block, ProtocolDocument } from './document-model.js';
import { dateWords } from './wording.js';

/**
 * The public protocol as PDF (issue 3 item 9), rendered from the same document as the HTML page.
 * The standard Helvetica fonts cover the Dutch and English texts (WinAnsi). The document is
 * tagged, names its language and shows its title; its metadata carries the version and effective
 * date, so that a printed copy can be traced to the version it came from.
 */
const text = { size: 10.5, heading: 15, title: 20 };
const grey = '#4a4f57';

const chrome = {
  nl: { rules: 'Protocolregels', generated: (date: string) => `Samengesteld op ${date} uit het cameraprotocol dat het camerasysteem afdwingt.`, version: 'versie', from: 'geldig vanaf' },
  en: { rules: 'Protocol rules', generated: (date: string) => `Composed on ${date} from the camera protocol the camera system enforces.`, version: 'version', from: 'in force from' },
} as const;

function renderBlock(doc: PDFKit.PDFDocument, block: Block): void {
  switch (block.kind) {
    case 'paragraph':
      doc.font('Helvetica').fontSize(text.size).fillColor('black').text(block.text, { paragraphGap: 6 });
      return;
    case 'list':
      doc.font('Helvetica').fontSize(text.size).fillColor('black').list(block.items, { bulletRadius: 2, textIndent: 12, paragraphGap: 3 });
      doc.moveDown(0.5);
      return;
    case 'table': {
      doc.font('Helvetica-Bold').fontSize(text.size).fillColor('black').text(block.caption, { paragraphGap: 4 });
      doc.font('Helvetica').fontSize(9.5);
      doc.table({
        data: [
          block.columns.map((column) => ({ text: column, type: 'TH' as const, font: { family: 'Helvetica-Bold' }, backgroundColor: '#eef1f5' })),
          ...block.rows.map(([first = '', ...rest]) => [{ text: first, type: 'TH' as const, font: { family: 'Helvetica-Bold' } }, ...rest]),
        ],
        defaultStyle: { border: 0.5, borderColor: '#c4c9d1', padding: [3, 4, 3, 4] },
      });
      doc.moveDown(0.8);
      return;
    }
  }
}

export function protocolMetadata(document: ProtocolDocument): { title: string; subject: string } {
  const words = chrome[document.language];
  const title = document.siteName ? `${document.title} - ${document.siteName}` : document.title;
  const subject = `${document.organisation}, ${words.version} ${document.version}${document.effectiveFrom ? `, ${words.from} ${document.effectiveFrom}` : ''}`;
  return { title, subject };
}

export function renderProtocolPdf(document: ProtocolDocument, generatedOn: string): Promise<Buffer> {
  const words = chrome[document.language];
  const { title, subject } = protocolMetadata(document);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    lang: document.language === 'nl' ? 'nl-NL' : 'en-GB',
    tagged: true,
    displayTitle: true,
    pdfVersion: '1.7',
    info: { Title: title, Author: document.organisation, Subject: subject, Keywords: `${words.version} ${document.version}`, Creator: 'Toezicht' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(11).fillColor(grey).text(document.organisation);
  doc.moveDown(0.3);
  doc.font('Helvetica-Bold').fontSize(text.title).fillColor('black').text(title);
  doc.font('Helvetica').fontSize(12).text(document.summary, { paragraphGap: 10 });
  for (const section of document.sections) {
    doc.moveDown(0.6);
    doc.font('Helvetica-Bold').fontSize(text.heading).fillColor('black').text(section.title, { paragraphGap: 6 });
    section.blocks.forEach((block) => renderBlock(doc, block));
    if (section.rules.length > 0) doc.font('Helvetica').fontSize(8.5).fillColor(grey).text(`${words.rules}: ${section.rules.join(', ')}`);
  }
  doc.moveDown(1.5);
  doc.font('Helvetica').fontSize(8.5).fillColor(grey).text(words.generated(dateWords(generatedOn, document.language)));
  doc.end();
  return done;
}
