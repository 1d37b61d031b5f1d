import crypto from 'node:crypto';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import type { DocumentKind } from '../../protocol/vocabulary.js';
import { profileAt, recordStep, type CaseActor, type CaseDeps } from '../case-context.js';
import { toCaseDocument, type CaseDocument, type CaseDocumentKind } from '../document.repository.js';
import { documentsNeeded } from '../request-conditions.js';
import { toCaseRequest } from '../request.repository.js';
import type { CaseRequest } from '../request.js';
import { acceptScan, acceptSignature, extensionOf } from './document-file.js';
import { renderLetterPdf } from './letter-pdf.js';
import { composeLetter } from './letters.js';

const fileNames: Record<CaseDocumentKind, string> = {
  written_request: 'schriftelijk-verzoek',
  decision_letter: 'besluit',
  receipt_statement: 'ontvangstverklaring',
  viewing_declaration: 'inzageverklaring',
  careful_use_declaration: 'verklaring-zorgvuldig-gebruik',
};

/**
 * The documents of X-5: generated as Dutch PDFs from the request, signed on screen (the drawn
 * PNG is embedded in a new PDF) or by uploading the signed scan. Each is stored with the case and
 * its SHA-256 goes into the logboek in the same transaction as its row.
 */
export class CaseDocumentService {
  constructor(private readonly d: CaseDeps) {}

  async generate(requestId: string, kind: DocumentKind, by: CaseActor): Promise<CaseDocument> {
    const request = await this.request(requestId);
    const profile = profileAt(this.d.profile, new Date(request.receivedAt));
    const possible = new Set<DocumentKind>([...profile.requests[request.kind].documents, ...documentsNeeded(profile, request).map((n) => n.kind)]);
    if (!possible.has(kind)) {
      const rule = profile.requests[request.kind].rules[0] ?? 'X-5';
      throw invalid('document_not_for_request', `The protocol asks no ${kind} for this request (${rule})`, 'kind');
    }
    const now = this.d.clock.now();
    const letter = composeLetter({ kind, request, profile, cameras: await this.d.cameras.list(), today: now.toISOString() });
    const pdf = await renderLetterPdf(letter, now);
    return this.store(request, { kind, content: pdf, extension: 'pdf', mediaType: 'application/pdf', status: 'generated', signerName: null, method: null, supersedes: null }, by, 'document.generated');
  }

  /** Signs a generated document with a signature drawn on screen: a new PDF with the PNG in it. */
  async signOnScreen(documentId: string, input: { signerName: string; signaturePng: string }, by: CaseActor): Promise<CaseDocument> {
    const original = await this.unsigned(documentId);
    const png = acceptSignature(input.signaturePng);
    const signerName = input.signerName.trim();
    if (!signerName) throw invalid('signer_required', 'Name the person who signs', 'signerName');
    const request = await this.requestByRef(original.caseRef);
    const profile = profileAt(this.d.profile, new Date(request.receivedAt));
    const now = this.d.clock.now();
    const letter = composeLetter({ kind: original.kind as DocumentKind, request, profile, cameras: await this.d.cameras.list(), today: original.createdAt });
    const pdf = await renderLetterPdf(letter, now, { png, signerName, signedAt: now.toISOString() });
    return this.store(request, { kind: original.kind, content: pdf, extension: 'pdf', mediaType: 'application/pdf', status: 'signed', signerName, method: 'pad', supersedes: original.id }, by, 'document.signed');
  }

  /** Records the signed paper version: a scan (PDF, PNG or JPEG by its magic bytes, at most 10 MiB). */
  async uploadSignedScan(documentId: string, content: Uint8Array, signerName: string | null, by: CaseActor): Promise<CaseDocument> {
    const original = await this.unsigned(documentId);
    const mediaType = acceptScan(content);
    const request = await this.requestByRef(original.caseRef);
    return this.store(
      request,
      { kind: original.kind, content: Buffer.from(content), extension: extensionOf[mediaType], mediaType, status: 'signed', signerName: signerName?.trim() || null, method: 'scan', supersedes: original.id },
      by,
      'document.signed',
    );
  }

  /** Keeps the written request as it arrived (a scanned vordering, a letter): PDF, PNG or JPEG, at most 10 MiB. */
  async attachWrittenRequest(requestId: string, content: Uint8Array, by: CaseActor): Promise<CaseDocument> {
    const request = await this.request(requestId);
    const mediaType = acceptScan(content);
    return this.store(
      request,
      { kind: 'written_request', content: Buffer.from(content), extension: extensionOf[mediaType], mediaType, status: 'received', signerName: null, method: null, supersedes: null },
      by,
      'request.written_request_attached',
    );
  }

  async download(documentId: string): Promise<{ document: CaseDocument; content: Buffer }> {
    const row = await this.d.documents.findById(documentId);
    if (!row) throw notFound('document_not_found', `No document ${documentId}`);
    return { document: toCaseDocument(row), content: this.d.files.read(row.stored_path, row.sha256) };
  }

  private async store(
    request: CaseRequest,
    doc: { kind: CaseDocumentKind; content: Buffer; extension: string; mediaType: string; status: CaseDocument['status']; signerName: string | null; method: 'pad' | 'scan' | null; supersedes: string | null },
    by: CaseActor,
    action: string,
  ): Promise<CaseDocument> {
    const id = crypto.randomUUID();
    const { storedPath, sha256, created } = this.d.files.write(doc.content, doc.extension);
    const fileName = `${fileNames[doc.kind]}-${request.ref}${doc.status === 'signed' ? '-getekend' : ''}.${doc.extension}`;
    const written = doc.kind === 'written_request' && !['closed', 'withdrawn'].includes(request.state);
    try {
      await this.d.db.transaction().execute(async (trx) => {
        await this.d.documents.insert(
          {
            id, case_ref: request.ref, kind: doc.kind, status: doc.status, sha256, media_type: doc.mediaType, size: doc.content.length,
            stored_path: storedPath, file_name: fileName, signer_name: doc.signerName, signature_method: doc.method, supersedes: doc.supersedes,
            created_at: this.d.clock.now().toISOString(), created_by: by.name,
          },
          trx,
        );
        // The written request on file is the fact DOM-5, SOE-9 and SOE-10 ask for.
        if (written) {
          const facts = { ...request.facts, written_request_received: { at: this.d.clock.now().toISOString(), by: by.name, note: fileName } };
          await this.d.requests.setFacts(request.id, JSON.stringify(facts), trx);
        }
        await recordStep(this.d, trx, {
          actor: by, caseRef: request.ref, action,
          subject: { documentId: id, kind: doc.kind, sha256, size: doc.content.length, mediaType: doc.mediaType, method: doc.method, supersedes: doc.supersedes, signer: doc.signerName },
        });
      });
    } catch (err) {
      if (created && (await this.d.documents.countByPath(storedPath)) === 0) this.d.files.remove(storedPath);
      throw err;
    }
    return toCaseDocument((await this.d.documents.findById(id))!);
  }

  private async unsigned(documentId: string): Promise<CaseDocument> {
    const row = await this.d.documents.findById(documentId);
    if (!row) throw notFound('document_not_found', `No document ${documentId}`);
    const document = toCaseDocument(row);
    if (document.status === 'signed') throw conflict('document_already_signed', 'This document is the signed version already');
    if (document.kind === 'written_request') throw invalid('document_not_signable', 'A received written request is kept as it arrived', 'id');
    const siblings = await this.d.documents.forCase(document.caseRef);
    if (siblings.some((s) => s.supersedes === document.id)) throw conflict('document_already_signed', 'This document has been signed already');
    return document;
  }

  private async request(id: string): Promise<CaseRequest> {
    const row = await this.d.requests.findById(id);
    if (!row) throw notFound('request_not_found', `No request ${id}`);
    return toCaseRequest(row);
  }

  private async requestByRef(ref: string): Promise<CaseRequest> {
    const row = await this.d.requests.findByRef(ref);
    if (!row) throw notFound('request_not_found', `No request ${ref}`);
    return toCaseRequest(row);
  }
}
