import {
  BadRequestException,
  ConflictException,
  Injectable,
  UnprocessableEntityException,
} from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { withTransaction } from '@merchant-pulse/database';
import { v7 as uuidv7 } from 'uuid';
import { DataSource } from 'typeorm';
import { MerchantRegistryClient, RegistryRejectedError } from '../../../registry/merchant-registry.client';
import { grantFeeRelief } from '../../registry/fee-relief';
import { LedgerRepository } from '../../ledger/ledger.repository';
import { Redemption, RedemptionRepository } from '../../redemptions/redemption.repository';
import { CatalogueItem, catalogueItem } from '../../redemptions/reward.catalogue';
import { SettleRedemptionUseCase } from '../settle-redemption/settle-redemption.use-case';
import { RedeemPointsCommand } from './redeem-points.command';

/**
 * The redemption saga. Step 1, one transaction under the merchant's account lock: the balance is
 * checked and the points debited (a `redemption` journal) with a pending redemption — so concurrent
 * requests debit exactly once and never overdraw. Step 2, for fee relief: the registry grants the
 * promotion; a refusal compensates (the points come back); an unknown outcome (timeout, 5xx) stays
 * pending for the reconciler, which looks the promotion up before retrying.
 */
@Injectable()
export class RedeemPointsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerRepository,
    private readonly redemptions: RedemptionRepository,
    private readonly settle: SettleRedemptionUseCase,
    private readonly registry: MerchantRegistryClient,
    private readonly clock: Clock,
  ) {}

  async execute(command: RedeemPointsCommand): Promise<{ redemption: Redemption; replayed: boolean }> {
    const item = catalogueItem(command.item);
    if (!item) throw new BadRequestException({ message: [`item must be one of the catalogue's ids`] });
    const { redemption, replayed } = await this.reserve(command, item);
    if (replayed || redemption.state !== 'pending') return { redemption, replayed };
    return { redemption: await this.grantFeeRelief(redemption, item), replayed: false };
  }

  private reserve(command: RedeemPointsCommand, item: CatalogueItem) {
    return withTransaction(this.dataSource, async (manager) => {
      await this.ledger.lockAccount(manager, command.merchantId);
      const existing = await this.redemptions.findByKey(manager, command.merchantId, command.requestKey);
      if (existing) {
        if (existing.item !== item.id)
          throw new ConflictException({
            code: 'request_key_reused',
            message: 'requestKey was used for another item',
          });
        return { redemption: existing, replayed: true };
      }
      const balance = await this.ledger.balance(command.merchantId, manager);
      if (balance < item.points)
        throw new ConflictException({
          code: 'insufficient_points',
          message: `${item.id} costs ${item.points} points; the balance is ${balance}`,
        });
      const now = this.clock.now();
      const remote = item.kind === 'fee_relief';
      const redemption: Redemption = {
        redemptionId: uuidv7(),
        merchantId: command.merchantId,
        requestKey: command.requestKey,
        item: item.id,
        points: item.points,
        state: remote ? 'pending' : 'completed',
        externalReference: null,
        failureReason: null,
        requestedBy: command.actor,
        requestedAt: now.toISOString(),
        settledAt: remote ? null : now.toISOString(),
      };
      await this.redemptions.insert(manager, redemption);
      await this.ledger.post(
        manager,
        [
          {
            merchantId: command.merchantId,
            kind: 'redemption',
            points: -item.points,
            idempotencyKey: `redemption:${redemption.redemptionId}`,
            reason: item.title,
            actor: command.actor,
            reference: redemption.redemptionId,
          },
        ],
        now,
      );
      if (!remote) await this.settle.publishRedeemed(manager, redemption, now);
      return { redemption, replayed: false };
    });
  }

  /** Step 2: the registry promotion; refusal → compensation (422/409 to the caller). */
  private async grantFeeRelief(redemption: Redemption, item: CatalogueItem): Promise<Redemption> {
    try {
      const promotion = await grantFeeRelief(this.registry, redemption.merchantId, item.feeRelief!, {
        reason: feeReliefReason(redemption.redemptionId),
      });
      return (await this.settle.complete(redemption.redemptionId, promotion.promotionId)) ?? redemption;
    } catch (error) {
      if (!(error instanceof RegistryRejectedError)) return redemption; // unknown outcome: the reconciler settles it
      await this.settle.compensate(redemption.redemptionId, `${error.code}: ${error.detail}`);
      throw new UnprocessableEntityException({
        code: 'registry_refused',
        registryCode: error.code,
        message: `the registry refused the fee promotion (${error.code}); the ${redemption.points} points were returned`,
        redemptionId: redemption.redemptionId,
      });
    }
  }
}

/** The promotion's reason names the redemption, so the reconciler can find a promotion whose answer was lost. */
export function feeReliefReason(redemptionId: string): string {
  return `loyalty redemption ${redemptionId}`;
}
