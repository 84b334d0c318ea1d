import { Injectable } from '@nestjs/common';
import type { AnyEvent, EventOf } from '@merchant-pulse/contracts';
import { claimUnprocessed } from '@merchant-pulse/kafka';
import { EntityManager } from 'typeorm';
import { MerchantEventHooks } from '../../merchant-event.hooks';
import { MerchantProjectionsRepository } from '../../merchant-projections.repository';
import { ProjectMerchantEventsCommand } from './project-merchant-events.command';

/**
 * Projects what churn scoring, the registry, terminal health and tickets say about merchants into this
 * service's tables, then hands the fresh events to the hooks (enrolment). Each event applies once
 * (inbox); each write keeps the newest fact by the event's own timestamp. Types nobody here uses are
 * acknowledged and ignored.
 */
@Injectable()
export class ProjectMerchantEventsUseCase {
  constructor(
    private readonly projections: MerchantProjectionsRepository,
    private readonly hooks: MerchantEventHooks,
  ) {}

  async execute(manager: EntityManager, command: ProjectMerchantEventsCommand): Promise<{ applied: number }> {
    const fresh = await claimUnprocessed(
      manager,
      command.consumer,
      command.events.map((e) => e.id),
    );
    const applied: AnyEvent[] = [];
    for (const event of command.events) {
      if (!fresh.delete(event.id)) continue;
      await this.apply(manager, event);
      applied.push(event);
    }
    const risks = applied.filter(
      (e): e is EventOf<'MerchantRiskChanged'> => e.type === 'MerchantRiskChanged',
    );
    if (risks.length > 0) await this.hooks.afterRiskChanged(manager, risks);
    const lifecycle = applied.filter((e) => e.type !== 'MerchantRiskChanged');
    if (lifecycle.length > 0) await this.hooks.afterLifecycle(manager, lifecycle);
    return { applied: applied.length };
  }

  private async apply(m: EntityManager, e: AnyEvent): Promise<void> {
    switch (e.type) {
      case 'MerchantRiskChanged':
        return this.projections.recordRisk(m, e);
      case 'MerchantRegistered':
        await this.projections.recordProfile(m, {
          merchantId: e.merchantId,
          ...e.payload,
          at: e.payload.registeredAt,
        });
        return this.projections.recordStatus(m, e.merchantId, e.payload.status, e.payload.registeredAt);
      case 'MerchantUpdated':
        return this.projections.recordProfile(m, {
          merchantId: e.merchantId,
          ...e.payload,
          at: e.payload.updatedAt,
        });
      case 'MerchantStatusChanged':
        return this.projections.recordStatus(m, e.merchantId, e.payload.to, e.payload.changedAt);
      case 'FeePlanChanged':
        return this.projections.recordFeePlan(m, e);
      case 'TerminalHealthDegraded':
        return this.projections.recordTerminalHealth(m, {
          ...e.payload,
          merchantId: e.merchantId,
          degraded: true,
          observedAt: e.occurredAt,
        });
      case 'TerminalHealthRecovered':
        return this.projections.recordTerminalHealth(m, {
          ...e.payload,
          merchantId: e.merchantId,
          degraded: false,
          observedAt: e.payload.recoveredAt,
        });
      case 'TicketOpened':
        return this.projections.openTicket(m, { ...e.payload, merchantId: e.merchantId });
      case 'TicketStatusChanged':
        return this.projections.changeTicketStatus(m, {
          ticketId: e.payload.ticketId,
          merchantId: e.merchantId,
          status: e.payload.to,
          at: e.payload.changedAt,
        });
      default:
        return;
    }
  }
}
