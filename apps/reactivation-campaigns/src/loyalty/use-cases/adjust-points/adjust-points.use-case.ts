import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { withTransaction } from '@merchant-pulse/database';
import { DataSource } from 'typeorm';
import { LedgerRepository } from '../../ledger/ledger.repository';
import { addMonths } from '../../rules/accrual-rules';
import { LOYALTY_SETTINGS, LoyaltySettings, localDate } from '../../loyalty.settings';
import { AdjustPointsCommand } from './adjust-points.command';

/**
 * Posts a manual adjustment (an `adjustment` journal with reason and actor). A debit may not take the
 * balance below zero; a credit is a lot that expires like earned points.
 */
@Injectable()
export class AdjustPointsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerRepository,
    private readonly clock: Clock,
    @Inject(LOYALTY_SETTINGS) private readonly settings: LoyaltySettings,
  ) {}

  async execute(command: AdjustPointsCommand): Promise<{ balance: number; posted: boolean }> {
    return withTransaction(this.dataSource, async (manager) => {
      await this.ledger.lockAccount(manager, command.merchantId);
      const balance = await this.ledger.balance(command.merchantId, manager);
      if (command.points < 0 && balance + command.points < 0)
        throw new ConflictException({
          code: 'insufficient_points',
          message: `balance ${balance} cannot absorb ${command.points}`,
        });
      const now = this.clock.now();
      const posted = await this.ledger.post(
        manager,
        [
          {
            merchantId: command.merchantId,
            kind: 'adjustment',
            points: command.points,
            idempotencyKey: `adjustment:${command.merchantId}:${command.requestKey}`,
            expiresOn: addMonths(localDate(now, this.settings.timezone), this.settings.pointsValidMonths),
            reason: command.reason,
            actor: command.actor,
          },
        ],
        now,
      );
      return { balance: await this.ledger.balance(command.merchantId, manager), posted: posted.length > 0 };
    });
  }
}
