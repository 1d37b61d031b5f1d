import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domijn, mozaiek, soest } from '../../src/protocol/profiles/index.js';
import { sha256Hex } from '../../src/platform/crypto.js';
import { dialects } from '../support/databases.js';
import { pdfText } from './pdf-text.js';
import { as, createCasesFixture, entree, onePixelPng, refusedWith, type CasesFixture } from './support.js';

/** Dutch PDFs from the case, signed on screen or by a scan, with their SHA-256 in the logboek. */
describe.each(dialects)('case documents on %s', (dialect) => {
  let f: CasesFixture;
  beforeAll(async () => {
    f = await createCasesFixture(dialect);
  }, 60_000);
  afterAll(() => f.close());

  async function decidedAccess() {
    const cases = f.casesFor(mozaiek);
    const request = await cases.requests.file(
      {
        kind: 'access', channel: 'public_form', requester: { category: 'data_subject', name: 'Anna de Boer' },
        details: { window: { location: 'Hoofdingang', from: '2026-03-01T20:00:00Z', to: '2026-03-01T20:05:00Z', cameraIds: [entree] } },
      },
      as('wijkbeheerder'),
    );
    for (const fact of ['own_images_checked', 'balancing_recorded'] as const) await cases.requests.step(request.id, { type: 'record_fact', fact }, as('wijkbeheerder'));
    await cases.requests.step(request.id, { type: 'decide', decision: 'allow', outcome: 'supervised_viewing_at_office', reasons: 'Alleen verzoeker in beeld.' }, as('wijkbeheerder'));
    return { cases, request };
  }

  it('generates a Dutch decision letter from the case, its SHA-256 in the logboek', async () => {
    const { cases, request } = await decidedAccess();
    const doc = await cases.documents.generate(request.id, 'decision_letter', as('wijkbeheerder'));
    const { content } = await cases.documents.download(doc.id);
    expect(content.subarray(0, 5).toString()).toBe('%PDF-');
    expect(sha256Hex(content)).toBe(doc.sha256);
    const text = pdfText(content);
    expect(text).toContain('Besluit op uw verzoek om inzage');
    expect(text).toContain(request.ref);
    expect(text).toContain('Anna de Boer');
    expect(text).toContain('1 maart 2026, 21:00'); // the window in Amsterdam time
    expect(text).toContain('MOZ-4.1');
    expect(text).toContain('Autoriteit Persoonsgegevens');
    const entry = (await f.logbook.query({ caseRef: request.ref, action: 'document.generated', limit: 5 })).entries[0]!;
    expect(entry.subject).toMatchObject({ documentId: doc.id, kind: 'decision_letter', sha256: doc.sha256 });
  });

  it('signs an inzageverklaring on screen: a new PDF with the drawn PNG, once only', async () => {
    const { cases, request } = await decidedAccess();
    const doc = await cases.documents.generate(request.id, 'viewing_declaration', as('wijkbeheerder'));
    const signed = await cases.documents.signOnScreen(doc.id, { signerName: 'Anna de Boer', signaturePng: `data:image/png;base64,${onePixelPng.toString('base64')}` }, as('wijkbeheerder'));
    expect(signed).toMatchObject({ status: 'signed', signatureMethod: 'pad', signerName: 'Anna de Boer', supersedes: doc.id, kind: 'viewing_declaration' });
    expect(signed.sha256).not.toBe(doc.sha256);
    const { content } = await cases.documents.download(signed.id);
    expect(content.toString('latin1')).toMatch(/\/Subtype \/Image/);
    expect(pdfText(content)).toContain('Ondertekend door Anna de Boer');
    expect(pdfText(content)).toContain('Inzageverklaring');
    await refusedWith(cases.documents.signOnScreen(doc.id, { signerName: 'x', signaturePng: onePixelPng.toString('base64') }, as('wijkbeheerder')), { code: 'document_already_signed' });
    const entry = (await f.logbook.query({ caseRef: request.ref, action: 'document.signed', limit: 5 })).entries[0]!;
    expect(entry.subject).toMatchObject({ documentId: signed.id, sha256: signed.sha256, method: 'pad', supersedes: doc.id });
  });

  it('records a signed scan (PDF, PNG or JPEG by magic bytes) and refuses anything else', async () => {
    const { cases, request } = await decidedAccess();
    const doc = await cases.documents.generate(request.id, 'viewing_declaration', as('wijkbeheerder'));
    await refusedWith(cases.documents.uploadSignedScan(doc.id, Buffer.from('GIF89a not allowed'), null, as('wijkbeheerder')), { code: 'document_type' });
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
    const scan = await cases.documents.uploadSignedScan(doc.id, jpeg, 'Anna de Boer', as('wijkbeheerder'));
    expect(scan).toMatchObject({ status: 'signed', signatureMethod: 'scan', mediaType: 'image/jpeg', sha256: sha256Hex(jpeg) });
  });

  it('draws up only the documents the protocol asks for this request', async () => {
    const { cases, request } = await decidedAccess();
    await refusedWith(cases.documents.generate(request.id, 'careful_use_declaration', as('wijkbeheerder')), { code: 'document_not_for_request' });
  });

  it('a careful-use declaration for the prosecutor under Soest (SOE-9)', async () => {
    const cases = f.casesFor(soest);
    const request = await cases.requests.file(
      { kind: 'police', channel: 'letter', requester: { category: 'ovj', name: 'OM Midden-Nederland' }, details: { officer: 'mr. K. Jansen', legalBasis: 'art. 126nd Sv', window: { location: 'Publiekshal', from: '2026-03-01T10:00:00Z', to: '2026-03-01T10:30:00Z' } } },
      as('beheerder'),
    );
    const doc = await cases.documents.generate(request.id, 'careful_use_declaration', as('beheerder'));
    const text = pdfText((await cases.documents.download(doc.id)).content);
    expect(text).toContain('Verklaring zorgvuldig gebruik camerabeelden');
    expect(text).toContain('mr. K. Jansen');
    expect(text).toContain('verantwoordelijkheid');
  });

  it('keeps the written vordering as it arrived: the fact DOM-5 asks for, its SHA-256 in the logboek, never re-signed', async () => {
    const cases = f.casesFor(domijn);
    const request = await cases.requests.file(
      { kind: 'police', channel: 'oral_urgent', requester: { category: 'police', name: 'Agent' }, details: { officer: 'Agent B. Smit', legalBasis: 'art. 126nda Sv' } },
      as('wijkbeheerder'),
    );
    const scan = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from('vordering')]);
    const kept = await cases.documents.attachWrittenRequest(request.id, scan, as('wijkbeheerder'));
    expect(kept).toMatchObject({ kind: 'written_request', status: 'received', sha256: sha256Hex(scan), mediaType: 'application/pdf' });
    expect((await cases.requests.get(request.id)).facts.written_request_received).toBeDefined();
    await refusedWith(cases.documents.signOnScreen(kept.id, { signerName: 'x', signaturePng: onePixelPng.toString('base64') }, as('wijkbeheerder')), { code: 'document_not_signable' });
    await cases.requests.step(request.id, { type: 'confirm_in_writing' }, as('wijkbeheerder'));
    const allowed = await cases.requests.step(request.id, { type: 'decide', decision: 'allow', outcome: 'digital_medium', reasons: 'Schriftelijke vordering ontvangen.' }, as('wijkbeheerder'));
    expect(allowed.decision).toMatchObject({ rule: 'DOM-5' });
    expect(await f.logged(request.ref)).toEqual(['request.received', 'request.written_request_attached', 'request.confirmed_in_writing', 'request.allowed']);
  });
});
