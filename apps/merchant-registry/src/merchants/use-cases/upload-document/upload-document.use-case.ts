import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { DocumentRecord, DocumentRepository } from '../../../documents/document.repository';
import { ObjectStorage, PiiKeyRing } from '@merchant-pulse/secure-storage';
import { BusinessRuleError, NotFoundError } from '../../../shared/domain.errors';
import { REGISTRY_PRODUCER } from '../../../shared/registry-events.outbox';
import { TransactionRunner } from '../../../shared/transaction.runner';
import { TimelineRepository } from '../../../timeline/timeline.repository';
import { MerchantRepository } from '../../merchant.repository';
import { currentlyDue } from '../../merchant-requirements';
import { DOCUMENT_MEDIA_TYPES, MAX_DOCUMENT_BYTES } from '../../merchant.vocabulary';
import { UploadDocumentCommand } from './upload-document.command';

/** Statuses in which the application's documents may still change. */
const EDITABLE = new Set(['draft', 'rejected']);

/**
 * Stores a document's bytes in object storage (content-addressed, so a retry rewrites the same object),
 * then records type, sha256, size, media type and upload time and recomputes what is currently due.
 */
@Injectable()
export class UploadDocumentUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly merchants: MerchantRepository,
    private readonly documents: DocumentRepository,
    private readonly storage: ObjectStorage,
    private readonly timeline: TimelineRepository,
    private readonly clock: Clock,
    private readonly keyRing: PiiKeyRing,
  ) {}

  async execute(command: UploadDocumentCommand): Promise<DocumentRecord> {
    assertAcceptable(command);
    const sha256 = createHash('sha256').update(command.bytes).digest('hex');
    const storageKey = `merchants/${command.merchantId}/${command.type}/${sha256}`;
    const existing = await this.merchants.findById(command.merchantId);
    if (!existing) throw new NotFoundError('merchant', command.merchantId);
    await this.storage.put(storageKey, command.bytes, command.mediaType);
    return this.tx.run(async (manager) => {
      const merchant = await this.merchants.lockById(manager, command.merchantId);
      if (!merchant) throw new NotFoundError('merchant', command.merchantId);
      if (!EDITABLE.has(merchant.status)) {
        throw new BusinessRuleError(
          'documents_locked',
          `documents cannot change in status ${merchant.status}`,
          409,
        );
      }
      const now = this.clock.now();
      const doc: DocumentRecord = {
        merchantId: merchant.id,
        type: command.type,
        sha256,
        sizeBytes: command.bytes.length,
        mediaType: command.mediaType,
        storageKey,
        uploadedAt: now,
        keyId: this.keyRing.primaryId,
      };
      await this.documents.upsert(manager, doc);
      const due = currentlyDue({
        kind: merchant.kind,
        businessType: merchant.businessType,
        hasPhone: Boolean(merchant.phoneEnc),
        hasCreditCode: Boolean(merchant.creditCode),
        hasTerminalAddress: Boolean(merchant.terminalAddress),
        uploaded: await this.documents.typesOf(manager, merchant.id),
      });
      await this.merchants.update(manager, merchant.id, { currentlyDue: due, updatedAt: now });
      await this.timeline.append(manager, [
        {
          eventId: uuidv7(),
          merchantId: merchant.id,
          occurredAt: now.toISOString(),
          source: REGISTRY_PRODUCER,
          type: 'DocumentUploaded',
          payload: { type: doc.type, sha256, sizeBytes: doc.sizeBytes, mediaType: doc.mediaType },
        },
      ]);
      return doc;
    });
  }
}

function assertAcceptable(command: UploadDocumentCommand): void {
  if (!(DOCUMENT_MEDIA_TYPES as readonly string[]).includes(command.mediaType)) {
    throw new BusinessRuleError(
      'unsupported_media_type',
      `Content-Type must be one of ${DOCUMENT_MEDIA_TYPES.join(', ')}`,
      415,
    );
  }
  if (command.bytes.length === 0) throw new BusinessRuleError('empty_document', 'the document is empty', 400);
  if (command.bytes.length > MAX_DOCUMENT_BYTES) {
    throw new BusinessRuleError(
      'document_too_large',
      `documents are limited to ${MAX_DOCUMENT_BYTES} bytes`,
      413,
    );
  }
}
