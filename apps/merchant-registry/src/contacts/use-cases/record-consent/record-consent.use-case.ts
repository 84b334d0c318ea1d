import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { merchantUpdated } from '../../../merchants/merchant.events';
import { MerchantRepository } from '../../../merchants/merchant.repository';
import { NotFoundError } from '../../../shared/domain.errors';
import { RegistryEventsOutbox } from '../../../shared/registry-events.outbox';
import { TransactionRunner } from '../../../shared/transaction.runner';
import { ConsentLedgerRepository } from '../../consent-ledger.repository';
import { ConsentState, contactConsentOf, deriveConsent } from '../../consent.derivation';
import { RecordConsentCommand } from './record-consent.command';

/**
 * Appends a grant/withdrawal to the ledger and re-derives the current consent from the whole ledger
 * (the merchant row caches the derivation for the read path). When the outreach consent other services
 * rely on changes, MerchantUpdated(contactConsent) goes out in the same transaction.
 */
@Injectable()
export class RecordConsentUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly merchants: MerchantRepository,
    private readonly ledger: ConsentLedgerRepository,
    private readonly events: RegistryEventsOutbox,
    private readonly clock: Clock,
  ) {}

  async execute(command: RecordConsentCommand): Promise<ConsentState> {
    return this.tx.run(async (manager) => {
      const merchant = await this.merchants.lockById(manager, command.merchantId);
      if (!merchant) throw new NotFoundError('merchant', command.merchantId);
      const now = this.clock.now();
      const { merchantId, ...entry } = command;
      await this.ledger.append(manager, merchantId, [{ ...entry, recordedAt: now }]);
      const consent = deriveConsent(await this.ledger.ledgerOf(merchantId, manager));
      await this.merchants.update(manager, merchantId, { consent, updatedAt: now });
      const before = contactConsentOf(merchant.consent);
      const after = contactConsentOf(consent);
      if (JSON.stringify(before) !== JSON.stringify(after)) {
        await this.events.emit(manager, [merchantUpdated({ ...merchant, consent }, ['contactConsent'], now)]);
      }
      return consent;
    });
  }
}
