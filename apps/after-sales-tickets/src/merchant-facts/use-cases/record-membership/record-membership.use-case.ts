import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import type { EventOf } from '@merchant-pulse/contracts';
import { EntityManager } from 'typeorm';
import { SLA_TIER_RANK } from '../../../sla/policies/membership-sla-setup';
import { SlaTracker } from '../../../sla/sla-tracker';
import { TicketJournal } from '../../../tickets/ticket.journal';
import { TicketRepository } from '../../../tickets/ticket.repository';
import { MerchantFactsRepository } from '../../merchant-facts.repository';

const rank = (slaTier: string | null) => SLA_TIER_RANK[slaTier ?? 'standard'] ?? 0;

/**
 * Keeps each merchant's latest membership (MembershipChanged; an older change is ignored), whose SLA
 * tier the policy rules read for every new ticket. On an upgrade (a higher SLA tier than before) the
 * merchant's active tickets move to the faster policy at once, and each ticket's history says so. A
 * downgrade applies to new tickets only: targets already promised on open tickets stand.
 */
@Injectable()
export class RecordMembershipUseCase {
  constructor(
    private readonly facts: MerchantFactsRepository,
    private readonly sla: SlaTracker,
    private readonly tickets: TicketRepository,
    private readonly journal: TicketJournal,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute(manager: EntityManager, events: ReadonlyArray<EventOf<'MembershipChanged'>>): Promise<void> {
    const upgraded = new Map<string, string>();
    for (const e of events) {
      const stored = await this.facts.upsertMembership(manager, {
        merchantId: e.merchantId,
        tier: e.payload.to,
        slaTier: e.payload.privileges.slaTier,
        changedAt: new Date(e.payload.changedAt),
        reason: e.payload.reason,
      });
      if (!stored) continue;
      if (rank(e.payload.privileges.slaTier) > rank(stored.previousSlaTier))
        upgraded.set(e.merchantId, `membership ${e.payload.from ?? 'none'} → ${e.payload.to}`);
      else upgraded.delete(e.merchantId);
    }
    // Time already counted stays on the old policy's calendar; the new targets apply from now.
    const at = this.clock.now();
    for (const [merchantId, reason] of upgraded) {
      const facts = await this.facts.factsOf(manager, merchantId);
      for (const moved of await this.sla.merchantFactsChanged(merchantId, facts, at)) {
        const ticket = await this.tickets.lockById(manager, moved.ticketId);
        if (!ticket) continue;
        await this.journal.change(
          manager,
          ticket,
          {
            slaPolicyId: moved.policyId,
            slaRule: moved.rule,
            firstResponseDueAt: moved.firstResponseDueAt,
            resolutionDueAt: moved.resolutionDueAt,
          },
          { actor: 'loyalty', at, reason },
        );
      }
    }
  }
}
