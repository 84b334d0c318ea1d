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
  /** PII key the object is encrypted under; null for a document stored before encryption (plaintext). */
  keyId: string | null;
}

/** Document records; one current document per (merchant, type) — a re-upload replaces it. */
@Injectable()
export class DocumentRepository {
  async upsert(manager: EntityManager, doc: DocumentRecord): Promise<void> {
    await manager.query(
      `INSERT INTO merchant_documents (merchant_id, type, sha256, size_bytes, media_type, storage_key, uploaded_at, key_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (merchant_id, type) DO UPDATE SET sha256 = EXCLUDED.sha256, size_bytes = EXCLUDED.size_bytes,
         media_type = EXCLUDED.media_type, storage_key = EXCLUDED.storage_key, uploaded_at = EXCLUDED.uploaded_at,
         key_id = EXCLUDED.key_id`,
      [
        doc.merchantId,
        doc.type,
        doc.sha256,
        doc.sizeBytes,
        doc.mediaType,
        doc.storageKey,
        doc.uploadedAt,
        doc.keyId,
      ],
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
              storage_key AS "storageKey", uploaded_at AS "uploadedAt", key_id AS "keyId"
       FROM merchant_documents WHERE merchant_id = $1 ORDER BY type`,
      [merchantId],
    );
    return rows.map((r) => ({ ...r, sizeBytes: Number(r.sizeBytes) }));
  }

  /** Up to `limit` documents not encrypted under `primaryKeyId`, row-locked (other replicas skip them). */
  async claimForReencryption(
    manager: EntityManager,
    primaryKeyId: string,
    limit: number,
  ): Promise<Array<Pick<DocumentRecord, 'merchantId' | 'type' | 'storageKey' | 'mediaType'>>> {
    return manager.query(
      `SELECT merchant_id AS "merchantId", type, storage_key AS "storageKey", media_type AS "mediaType"
       FROM merchant_documents WHERE key_id IS DISTINCT FROM $1
       ORDER BY merchant_id, type LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [primaryKeyId, limit],
    );
  }

  async setKeyId(manager: EntityManager, merchantId: string, type: string, keyId: string): Promise<void> {
    await manager.query(`UPDATE merchant_documents SET key_id = $3 WHERE merchant_id = $1 AND type = $2`, [
      merchantId,
      type,
      keyId,
    ]);
  }
}
