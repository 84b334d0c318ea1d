import { Global, Injectable, Module } from '@nestjs/common';
import type { TicketPriority, TicketStatus } from '@merchant-pulse/contracts';
import { SlaAssignment, SlaMerchantFacts, SlaTicket, SlaTracker } from '../sla/sla-tracker';

const HOUR_MS = 3_600_000;

/**
 * PLACEHOLDER until the SLA engine (sla/, h/tickets-sla) is merged: keeps the requested priority and
 * gives wall-clock due times (first response 4 h, resolution 48 h) with no timers, warnings or breaches.
 * Replace `UntrackedSlaModule` in app.module with the SLA engine's module.
 */
@Injectable()
export class UntrackedSlaTracker extends SlaTracker {
  async opened(ticket: SlaTicket, _facts: SlaMerchantFacts): Promise<SlaAssignment> {
    return {
      policyId: 'untracked',
      priority: ticket.requestedPriority,
      rule: 'no SLA engine: requested priority kept',
      firstResponseDueAt: new Date(ticket.openedAt.getTime() + 4 * HOUR_MS),
      resolutionDueAt: new Date(ticket.openedAt.getTime() + 48 * HOUR_MS),
    };
  }
  async statusChanged(_id: string, _from: TicketStatus, _to: TicketStatus, _at: Date): Promise<void> {}
  async priorityChanged(_id: string, _priority: TicketPriority, _at: Date): Promise<void> {}
  async agentReplied(_id: string, _at: Date): Promise<void> {}
  async teamChanged(_id: string, _teamId: string, _at: Date): Promise<void> {}
}

/** Provides the placeholder {@link UntrackedSlaTracker} as `SlaTracker` everywhere. */
@Global()
@Module({ providers: [{ provide: SlaTracker, useClass: UntrackedSlaTracker }], exports: [SlaTracker] })
export class UntrackedSlaModule {}
