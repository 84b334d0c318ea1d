import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DocumentRepository } from '../../../documents/document.repository';
import { EncryptedObjectStorage, PiiKeyRing } from '@merchant-pulse/secure-storage';
import { MerchantRecord } from '../../../merchants/merchant.record';
import { MerchantRepository } from '../../../merchants/merchant.repository';
import { TransactionRunner } from '../../../shared/transaction.runner';
import { PiiSealer } from '../../pii.sealer';

/** What one re-encryption run did. */
export interface ReencryptionResult {
  primaryKeyId: string;
  merchants: number;
  documents: number;
  /** Documents whose object was missing from storage (recorded, left for an operator). */
  missingDocuments: number;
}

/**
 * Key rotation, second half: after a new key is prepended to `PII_ENCRYPTION_KEYS`, re-encrypts every
 * PII token and KYC document still under an older key (or stored before encryption) with the primary
 * key and rebuilds the blind indexes under it, in bounded batches (one transaction each, rows claimed
 * SKIP LOCKED, so replicas and live traffic proceed). When it reports nothing left, the old key can
 * be removed from the ring.
 */
@Injectable()
export class ReencryptPiiUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly merchants: MerchantRepository,
    private readonly documents: DocumentRepository,
    private readonly storage: EncryptedObjectStorage,
    private readonly sealer: PiiSealer,
    private readonly ring: PiiKeyRing,
  ) {}

  async execute(command: { batchSize: number }): Promise<ReencryptionResult> {
    const result = { primaryKeyId: this.ring.primaryId, merchants: 0, documents: 0, missingDocuments: 0 };
    result.merchants = await this.inBatches(command.batchSize, async (manager) => {
      const batch = await this.merchants.claimForReencryption(
        manager,
        this.ring.primaryId,
        command.batchSize,
      );
      for (const merchant of batch)
        await this.merchants.update(manager, merchant.id, this.resealed(merchant));
      return batch.length;
    });
    result.documents = await this.inBatches(command.batchSize, async (manager) => {
      const batch = await this.documents.claimForReencryption(
        manager,
        this.ring.primaryId,
        command.batchSize,
      );
      for (const doc of batch) {
        const keyId = await this.storage.reencrypt(doc.storageKey, doc.mediaType);
        if (keyId === null) result.missingDocuments += 1;
        // A missing object is marked too, so the run ends; its record still lists the document.
        await this.documents.setKeyId(manager, doc.merchantId, doc.type, keyId ?? this.ring.primaryId);
      }
      return batch.length;
    });
    return result;
  }

  /** Runs `batch` in its own transaction until one handles fewer than `size` rows; returns the total. */
  private async inBatches(size: number, batch: (manager: EntityManager) => Promise<number>): Promise<number> {
    let total = 0;
    for (let done = size; done === size; total += done) done = await this.tx.run(batch);
    return total;
  }

  /** Every sealed field re-sealed under the primary key (new token, new blind index, same mask). */
  private resealed(m: MerchantRecord): Partial<MerchantRecord> {
    const phone = this.sealer.seal('phone', this.sealer.open(m.phoneEnc));
    const idNumber = this.sealer.seal('id_number', this.sealer.open(m.idNumberEnc));
    const card = this.sealer.seal('card', this.sealer.open(m.cardEnc));
    const email = m.emailEnc ? this.sealer.seal('email', this.sealer.open(m.emailEnc)) : null;
    return {
      phoneEnc: phone.enc,
      phoneIndex: phone.index!,
      idNumberEnc: idNumber.enc,
      idNumberIndex: idNumber.index!,
      cardEnc: card.enc,
      emailEnc: email?.enc ?? null,
      emailIndex: email?.index ?? null,
    };
  }
}
