import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { DocumentType } from '../merchants/merchant.vocabulary';

/** A stored KYC document's record (the bytes are in object storage under `storageKey`). */
export interface DocumentRecord {
  merchantId: string;
  type: DocumentType;
  sha256: string;
  sizeBytes: number;
  mediaType: string;
  storageKey: string;
  uploadedAt: Date;
}

/** Document records; one current document per (merchant, type) — a re-upload replaces it. */
@Injectable()
export class DocumentRepository {
  async upsert(manager: EntityManager, doc: DocumentRecord): Promise<void> {
    await manager.query(
      `INSERT INTO merchant_documents (merchant_id, type, sha256, size_bytes, media_type, storage_key, uploaded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (merchant_id, type) DO UPDATE SET sha256 = EXCLUDED.sha256, size_bytes = EXCLUDED.size_bytes,
         media_type = EXCLUDED.media_type, storage_key = EXCLUDED.storage_key, uploaded_at = EXCLUDED.uploaded_at`,
      [doc.merchantId, doc.type, doc.sha256, doc.sizeBytes, doc.mediaType, doc.storageKey, doc.uploadedAt],
    );
  }

  async typesOf(manager: EntityManager, merchantId: string): Promise<DocumentType[]> {
    const rows: Array<{ type: DocumentType }> = await manager.query(
      `SELECT type FROM merchant_documents WHERE merchant_id = $1`,
      [merchantId],
    );
    return rows.map((r) => r.type);
  }

  async listOf(manager: EntityManager, merchantId: string): Promise<DocumentRecord[]> {
    const rows: Array<DocumentRecord & { sizeBytes: string }> = await manager.query(
      `SELECT merchant_id AS "merchantId", type, sha256, size_bytes AS "sizeBytes", media_type AS "mediaType",
              storage_key AS "storageKey", uploaded_at AS "uploadedAt"
       FROM merchant_documents WHERE merchant_id = $1 ORDER BY type`,
      [merchantId],
    );
    return rows.map((r) => ({ ...r, sizeBytes: Number(r.sizeBytes) }));
  }
}
