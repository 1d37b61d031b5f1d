import crypto from 'node:crypto';
import { conflict, notFound } from '../platform/errors.js';
import { sha256Hex } from '../platform/crypto.js';
import { acceptDocument, extensionOf, safeFileName, type DocumentMediaType } from './document.js';
import { DocumentAltered } from './document.repository.js';
import type { RegisterActor, RegisterDeps } from './register.deps.js';

export interface StoredDocument {
  id: string;
  sha256: string;
  mediaType: DocumentMediaType;
  size: number;
  name: string;
  uploadedAt: string;
}

/**
 * Evidence documents: checked (type by magic bytes, size) before a byte is written; the file and
 * its row with the logboek entry are saved together, and the file is removed again when the row
 * cannot be saved, so nothing is left half-saved.
 */
export class DocumentService {
  constructor(private readonly d: RegisterDeps) {}

  async upload(content: Uint8Array, originalName: string, by: RegisterActor): Promise<StoredDocument> {
    const mediaType = acceptDocument(content);
    const sha256 = sha256Hex(Buffer.from(content.buffer, content.byteOffset, content.byteLength));
    const id = crypto.randomUUID();
    const name = safeFileName(originalName, mediaType);
    const uploadedAt = this.d.clock.now().toISOString();
    const { storedPath, created } = this.d.store.write(sha256, extensionOf[mediaType], content);
    try {
      await this.d.db.transaction().execute(async (trx) => {
        await this.d.documents.insert(
          { id, sha256, media_type: mediaType, size: content.length, original_name: name, stored_path: storedPath, uploaded_by: by.id, uploaded_at: uploadedAt },
          trx,
        );
        await this.d.logbook.append(trx, { actor: by, action: 'register.document_uploaded', subject: { documentId: id, sha256, mediaType, size: content.length, name } });
      });
    } catch (err) {
      if (created && (await this.d.documents.countByPath(storedPath)) === 0) this.d.store.remove(storedPath);
      throw err;
    }
    return { id, sha256, mediaType, size: content.length, name, uploadedAt };
  }

  async get(id: string): Promise<{ document: StoredDocument; content: Buffer }> {
    const row = await this.d.documents.findById(id);
    if (!row) throw notFound('document_not_found', `No document ${id}`);
    const document: StoredDocument = { id: row.id, sha256: row.sha256, mediaType: row.media_type as DocumentMediaType, size: row.size, name: row.original_name, uploadedAt: row.uploaded_at };
    try {
      return { document, content: this.d.store.read(row.stored_path, row.sha256) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw notFound('document_missing', `The file of document ${id} is missing from the data directory`);
      if (err instanceof DocumentAltered) throw conflict('document_altered', `The file of document ${id} no longer matches its SHA-256`);
      throw err;
    }
  }
}
