import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { randomInt } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ConsentLedgerEntry, deriveConsent } from '../../../contacts/consent.derivation';
import { ConsentLedgerRepository } from '../../../contacts/consent-ledger.repository';
import { feePlanChanged } from '../../../fee-plans/fee-plan.events';
import { FeePlanRepository, FeePlanVersion } from '../../../fee-plans/fee-plan.repository';
import { PiiSealer } from '../../../pii/pii.sealer';
import { samePartyAsReferrer } from '../../../referrals/referral.check';
import { ReferralRepository } from '../../../referrals/referral.repository';
import { BusinessRuleError } from '../../../shared/domain.errors';
import { RegistryEventsOutbox } from '../../../shared/registry-events.outbox';
import { TransactionRunner } from '../../../shared/transaction.runner';
import { merchantRegistered } from '../../merchant.events';
import { MerchantRecord } from '../../merchant.record';
import { MerchantRepository } from '../../merchant.repository';
import { buildMerchantRecord } from '../../merchant.factory';
import { CONTACT_CHANNELS } from '../../merchant.vocabulary';
import { RegisterMerchantCommand } from './register-merchant.command';

/**
 * Registers an application in `draft`: seals PII, computes what is currently due, records the initial
 * consents in the ledger (service messages on every channel are part of the merchant agreement;
 * marketing only when the form says so), puts the merchant on the standard fee plan, and emits
 * MerchantRegistered and FeePlanChanged — all in one transaction.
 */
@Injectable()
export class RegisterMerchantUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly merchants: MerchantRepository,
    private readonly consents: ConsentLedgerRepository,
    private readonly feePlans: FeePlanRepository,
    private readonly sealer: PiiSealer,
    private readonly events: RegistryEventsOutbox,
    private readonly clock: Clock,
    private readonly referrals: ReferralRepository,
  ) {}

  async execute(command: RegisterMerchantCommand): Promise<MerchantRecord> {
    const now = this.clock.now();
    const id = command.merchantId ?? generateMerchantId();
    const ledger = initialConsents(command, now);
    const record = buildMerchantRecord(this.sealer, command, id, deriveConsent(ledger), now);
    return this.tx.run(async (manager) => {
      if (await this.merchants.exists(manager, id)) {
        throw new BusinessRuleError('merchant_exists', `merchant ${id} already exists`, 409);
      }
      const terms = await this.feePlans.sharedTerms(manager, 'standard');
      if (!terms) throw new BusinessRuleError('no_standard_plan', 'the standard fee plan is missing', 500);
      const plan: FeePlanVersion = {
        merchantId: id,
        planVersion: 1,
        feePlanId: 'standard',
        terms,
        previousTerms: null,
        effectiveFrom: now,
        announcedAt: null,
        compensation: null,
        promotionId: null,
        state: 'effective',
        appliedAt: now,
        createdAt: now,
      };
      const referral = await this.referralOf(manager, command);
      await this.merchants.insertMany(manager, [record]);
      await this.consents.append(manager, id, ledger);
      await this.feePlans.insertVersion(manager, plan);
      if (referral) await this.referrals.insert(manager, { merchantId: id, ...referral, recordedAt: now });
      await this.events.emit(manager, [
        merchantRegistered(
          record,
          undefined,
          referral
            ? { referredBy: referral.referrerMerchantId, samePartyAsReferrer: referral.samePartyAsReferrer }
            : undefined,
        ),
        feePlanChanged(plan, now),
      ]);
      return record;
    });
  }

  private referralOf(manager: EntityManager, command: RegisterMerchantCommand) {
    return referralOfApplication(this.merchants, this.sealer, manager, command);
  }
}

/**
 * The referral on the application: the referrer must exist, and the fraud guard (same legal
 * representative or settlement card as the referrer) is decided here, where the PII is.
 */
async function referralOfApplication(
  merchants: MerchantRepository,
  sealer: PiiSealer,
  manager: EntityManager,
  command: RegisterMerchantCommand,
): Promise<{ referrerMerchantId: string; samePartyAsReferrer: boolean } | null> {
  if (!command.referralCode) return null;
  const referrer = await merchants.lockById(manager, command.referralCode);
  if (!referrer)
    throw new BusinessRuleError('unknown_referral_code', 'no merchant has this referral code', 422);
  return {
    referrerMerchantId: referrer.id,
    samePartyAsReferrer: samePartyAsReferrer(sealer, referrer, {
      idNumber: command.idNumber,
      settlementCardNumber: command.settlementCard.number,
    }),
  };
}

/** Service consent on every channel, then the form's explicit consents (later entries win). */
export function initialConsents(command: RegisterMerchantCommand, now: Date): ConsentLedgerEntry[] {
  const base: ConsentLedgerEntry[] = CONTACT_CHANNELS.map((channel) => ({
    channel,
    purpose: 'service',
    granted: true,
    source: 'merchant_agreement',
    actor: command.actor,
    recordedAt: now,
  }));
  const explicit = (command.consents ?? []).map((c) => ({
    ...c,
    source: 'onboarding_form',
    actor: command.actor,
    recordedAt: now,
  }));
  return [...base, ...explicit];
}

/** A fresh acquirer MID: `M` + 15 digits. */
export function generateMerchantId(): string {
  let digits = '';
  for (let i = 0; i < 15; i++) digits += String(randomInt(10));
  return `M${digits}`;
}
