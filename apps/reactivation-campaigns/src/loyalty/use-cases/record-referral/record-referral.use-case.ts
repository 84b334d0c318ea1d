import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ReferralRepository } from '../../referrals/referral.repository';
import { RewardReferralsUseCase } from '../reward-referrals/reward-referrals.use-case';

/** A referral as MerchantRegistered carries it (the registry has already run the fraud guard). */
export interface RecordReferralCommand {
  referredMerchantId: string;
  referrerMerchantId: string;
  samePartyAsReferrer: boolean;
  registeredAt: string;
}

/**
 * Records referrals. A self-referral (the registry found the same legal representative or
 * settlement card) is refused at once and never rewarded; a referral whose merchant already traded
 * K days (activity arrived first) is rewarded now.
 */
@Injectable()
export class RecordReferralUseCase {
  constructor(
    private readonly referrals: ReferralRepository,
    private readonly reward: RewardReferralsUseCase,
  ) {}

  async execute(manager: EntityManager, commands: readonly RecordReferralCommand[]): Promise<void> {
    for (const c of commands) {
      const refused = c.samePartyAsReferrer || c.referredMerchantId === c.referrerMerchantId;
      await this.referrals.insert(
        manager,
        {
          referredMerchantId: c.referredMerchantId,
          referrerMerchantId: c.referrerMerchantId,
          state: refused ? 'refused' : 'waiting',
          refusalReason: refused ? 'same_party_as_referrer' : null,
        },
        c.registeredAt,
      );
    }
    await this.reward.execute(
      manager,
      commands.map((c) => c.referredMerchantId),
    );
  }
}
