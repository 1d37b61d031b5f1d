import type { Kysely } from 'kysely';
import type { Executor } from '../auth/user.repository.js';
import type { Schema } from '../platform/db/schema.js';
import type { DocumentKind } from '../protocol/vocabulary.js';
import type { CaseDocumentRow, CaseDocumentTable } from './cases.table.js';

/** What a case keeps: the documents of X-5, and the written request as it arrived (a vordering, a letter). */
export type CaseDocumentKind = DocumentKind | 'written_request';

/** A document kept with a case: a generated PDF, its signed successor, or a received written request. */
export interface CaseDocument {
  id: string;
  caseRef: string;
  kind: CaseDocumentKind;
  status: 'generated' | 'signed' | 'received';
  sha256: string;
  mediaType: string;
  size: number;
  fileName: string;
  signerName: string | null;
  signatureMethod: 'pad' | 'scan' | null;
  supersedes: string | null;
  createdAt: string;
  createdBy: string;
}

export function toCaseDocument(row: CaseDocumentRow): CaseDocument {
  return {
    id: row.id,
    caseRef: row.case_ref,
    kind: row.kind as CaseDocumentKind,
    status: row.status === 'signed' || row.status === 'received' ? row.status : 'generated',
    sha256: row.sha256,
    mediaType: row.media_type,
    size: row.size,
    fileName: row.file_name,
    signerName: row.signer_name,
    signatureMethod: row.signature_method === 'pad' || row.signature_method === 'scan' ? row.signature_method : null,
    supersedes: row.supersedes,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}

export class CaseDocumentRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async insert(row: CaseDocumentTable, ex: Executor = this.db): Promise<void> {
    await ex.insertInto('case_documents').values(row).execute();
  }

  async findById(id: string, ex: Executor = this.db): Promise<CaseDocumentRow | undefined> {
    return ex.selectFrom('case_documents').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async forCase(caseRef: string, ex: Executor = this.db): Promise<CaseDocumentRow[]> {
    return ex.selectFrom('case_documents').selectAll().where('case_ref', '=', caseRef).orderBy('created_at').orderBy('id').execute();
  }

  async countByPath(storedPath: string, ex: Executor = this.db): Promise<number> {
    const row = await ex.selectFrom('case_documents').select((eb) => eb.fn.countAll<number>().as('n')).where('stored_path', '=', storedPath).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
