import { Injectable } from '@nestjs/common';
import type { AnyEvent, EventOf } from '@merchant-pulse/contracts';
import { EntityManager } from 'typeorm';
import { MerchantFactsRepository } from '../../../merchant-facts/merchant-facts.repository';
import { SlaTracker } from '../../../sla/sla-tracker';
import { notifySla, SlaSignal } from '../../ticket.journal';
import { needsVerifiedResolution } from '../../ticket.record';
import { TicketRepository } from '../../ticket.repository';
import { TicketResolver } from '../../ticket.resolver';

/**
 * merchant.activity.v1, in the consumer's transaction: projects the day's totals (latest snapshot
 * wins), then resolves — verified by transaction — the merchant's device/card-read/network tickets whose
 * fix was applied (field visit done, or an agent's "fix applied") before the day's last approved purchase.
 *
 * The activity stream carries no terminal id: a merchant with several terminals and several such
 * tickets has them all verified by one approved purchase after each fix. TerminalHealthRecovered
 * (terminal-specific) verifies the others.
 */
@Injectable()
export class VerifyResolutionUseCase {
  constructor(
    private readonly facts: MerchantFactsRepository,
    private readonly tickets: TicketRepository,
    private readonly resolver: TicketResolver,
    private readonly sla: SlaTracker,
  ) {}

  async execute(manager: EntityManager, events: readonly AnyEvent[]): Promise<void> {
    const signals: SlaSignal[] = [];
    for (const event of events) {
      if (event.type !== 'MerchantDailyActivity') continue;
      signals.push(...(await this.apply(manager, event)));
    }
    await notifySla(this.sla, signals);
  }

  private async apply(manager: EntityManager, e: EventOf<'MerchantDailyActivity'>): Promise<SlaSignal[]> {
    const p = e.payload;
    const lastApprovedAt = p.lastApprovedAt ? new Date(p.lastApprovedAt) : null;
    await this.facts.upsertActivity(manager, e.merchantId, {
      date: p.date,
      approvedCount: p.approvedCount,
      declinedCount: p.declinedCount,
      cardReadFailureCount: p.cardReadFailureCount,
      approvedAmountMinor: p.approvedAmountMinor,
      activeTerminalCount: p.activeTerminalCount,
      firstApprovedAt: p.firstApprovedAt ? new Date(p.firstApprovedAt) : null,
      lastApprovedAt,
      asOf: new Date(p.asOf),
    });
    if (!lastApprovedAt) return [];
    const signals: SlaSignal[] = [];
    for (const ticket of await this.tickets.lockAwaitingVerification(manager, e.merchantId, lastApprovedAt)) {
      if (!needsVerifiedResolution(ticket)) continue;
      const done = await this.resolver.resolve(manager, ticket, {
        actor: 'transaction_stream',
        at: lastApprovedAt,
        resolution: `Approved transaction after the fix (${p.date})`,
        verifiedBy: 'transaction',
        verifiedAt: lastApprovedAt,
      });
      signals.push(...done.signals);
    }
    return signals;
  }
}
