import PDFDocument from 'pdfkit';
import type { Manifest } from './manifest.js';

const dutch = (iso: string | null) => (iso ? new Date(iso).toLocaleString('nl-NL', { timeZone: 'Europe/Amsterdam' }) : '—');

/** The short Dutch README for the recipient. */
export function readmeText(m: Omit<Manifest, 'signing' | 'documents'>, fingerprint: string): string {
  const lines = [
    'CAMERABEELDEN — VERSTREKKING UIT TOEZICHT',
    '',
    `Zaak: ${m.case.ref} (${m.case.kind})`,
    `Grondslag: ${m.legalBasis}`,
    `Ontvanger: ${m.recipient}`,
    `Verstrekt door: ${m.operator}, ${dutch(m.createdAt)}`,
    '',
    'Inhoud:',
    ...(m.derivation ? ['LET OP: dit is een bewerkte kopie (onherkenbaar gemaakt) van de opgenomen beelden. Hoe en waarvan:', `zie "derivation" in manifest.json (bewerkt door ${m.derivation.operator}).`, ''] : []),
    ...m.clips.map((c) => `- ${c.file}: camera ${c.cameraId}, ${dutch(c.from)} tot ${dutch(c.to)}${c.gaps.length ? ` (let op: ${c.gaps.length} onderbreking(en) zonder beeld, zie manifest.json)` : ''}`),
    '- manifest.json en manifest.json.sig: overzicht met de SHA-256 van elk bestand, digitaal ondertekend',
    '- ontvangstbevestiging.pdf: graag ondertekend terugsturen',
    '',
    'Echtheid controleren: elk videobestand draagt een digitaal zegel (RSASSA-PSS, SHA-256) met het',
    'certificaat van de verstrekker, in de stijl van het ONVIF Export File Format. Controleer het pakket',
    'of een los bestand op de openbare controlepagina (/verify) van de verstrekker of met',
    '"toezicht export verify". Vergelijk de vingerafdruk van het certificaat met die de verstrekker u',
    `apart opgeeft: ${fingerprint}`,
    '',
    'Vertrouwelijk: deze beelden bevatten persoonsgegevens. Gebruik ze alleen voor het doel waarvoor ze',
    'zijn verstrekt, deel ze niet verder en vernietig ze wanneer dat doel is bereikt (AVG).',
    '',
  ];
  return lines.join('\r\n');
}

/** The pre-filled receipt statement (DOM-5, MOZ-5): what was handed over, to be signed by the recipient. */
export function receiptPdf(m: Omit<Manifest, 'signing' | 'documents'>, at: Date): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 60, lang: 'nl-NL', info: { Title: `Ontvangstbevestiging ${m.exportId}`, Creator: 'Toezicht', CreationDate: at, ModDate: at } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(16).text('Ontvangstbevestiging camerabeelden', { paragraphGap: 10 });
  const facts: [string, string][] = [
    ['Export', m.exportId], ['Zaak', `${m.case.ref} (${m.case.kind})`], ['Grondslag', m.legalBasis], ['Ontvanger', m.recipient],
    ['Verstrekt door', m.operator], ['Datum verstrekking', dutch(m.createdAt)],
  ];
  for (const [label, value] of facts) {
    doc.font('Helvetica-Bold').fontSize(10).text(`${label}: `, { continued: true });
    doc.font('Helvetica').text(value);
  }
  doc.moveDown(0.8);
  doc.font('Helvetica-Bold').text('Verstrekte bestanden');
  for (const c of m.clips) doc.font('Helvetica').fontSize(9).text(`${c.file} — camera ${c.cameraId}, ${dutch(c.from)} – ${dutch(c.to)}, SHA-256 ${c.sha256}`);
  doc.moveDown(1);
  doc.font('Helvetica').fontSize(10.5).text(
    'Ondergetekende verklaart bovengenoemde beelden te hebben ontvangen, ze uitsluitend te gebruiken voor het doel waarvoor ze zijn verstrekt, ze niet verder te verspreiden en ze te vernietigen zodra dat doel is bereikt.',
    { paragraphGap: 14 },
  );
  for (const label of ['Naam', 'Functie / organisatie', 'Identificatie (bijv. dienstnummer)', 'Datum en plaats', 'Handtekening']) doc.text(`${label}: ______________________________________`, { paragraphGap: 12 });
  doc.end();
  return done;
}
