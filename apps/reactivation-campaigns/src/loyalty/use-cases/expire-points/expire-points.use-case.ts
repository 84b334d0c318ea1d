import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { withTransaction } from '@merchant-pulse/database';
import { DataSource } from 'typeorm';
import { LedgerRepository } from '../../ledger/ledger.repository';
import { expiringPoints } from '../../rules/accrual-rules';
import { LOYALTY_SETTINGS, LoyaltySettings, localDate } from '../../loyalty.settings';

/**
 * Expires what is left of every lot whose validity ended by today (FIFO: debits consumed the oldest
 * lots first). One `expiry` journal per merchant and day, so running it twice a day expires once.
 */
@Injectable()
export class ExpirePointsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: LedgerRepository,
    private readonly clock: Clock,
    @Inject(LOYALTY_SETTINGS) private readonly settings: LoyaltySettings,
  ) {}

  async execute(): Promise<{ asOfDate: string; merchants: number; points: number }> {
    const now = this.clock.now();
    const today = localDate(now, this.settings.timezone);
    let merchants = 0;
    let points = 0;
    for (const candidate of await this.ledger.expiryInputs(today)) {
      if (expiringPoints(candidate.expiring, candidate.debits) === 0) continue;
      const expired = await withTransaction(this.dataSource, async (manager) => {
        await this.ledger.lockAccount(manager, candidate.merchantId);
        // Re-read under the lock: a redemption may have consumed the lots meanwhile.
        const [fresh] = await this.ledger.expiryInputs(today, manager, candidate.merchantId);
        const due = fresh ? expiringPoints(fresh.expiring, fresh.debits) : 0;
        const posted = await this.ledger.post(
          manager,
          [
            {
              merchantId: candidate.merchantId,
              kind: 'expiry',
              points: -due,
              idempotencyKey: `expiry:${candidate.merchantId}:${today}`,
              reason: `points earned before ${today} minus ${this.settings.pointsValidMonths} months`,
              actor: 'expiry',
            },
          ],
          now,
        );
        return posted.length > 0 ? due : 0;
      });
      if (expired > 0) {
        merchants += 1;
        points += expired;
      }
    }
    return { asOfDate: today, merchants, points };
  }
}
