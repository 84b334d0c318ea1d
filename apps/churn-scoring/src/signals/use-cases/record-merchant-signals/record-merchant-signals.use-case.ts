import { Injectable } from '@nestjs/common';
import type { AnyEvent, FeeRatesV1 } from '@merchant-pulse/contracts';
import { claimUnprocessed } from '@merchant-pulse/kafka';
import { EntityManager } from 'typeorm';
import { RescoreTouchedMerchants } from '../../../risk/use-cases/rescore-merchants/rescore-merchants-now';
import { MerchantContextRepository } from '../../merchant-context.repository';
import { MerchantSignalsRepository } from '../../merchant-signals.repository';
import { RecordMerchantSignalsCommand } from './record-merchant-signals.command';

/**
 * Records what lifecycle, terminal health and tickets say about merchants, then rescores them. Each
 * event applies once (inbox), and each write keeps the newest fact by the event's own timestamp.
 * Event types the scoring does not use are acknowledged and ignored.
 */
@Injectable()
export class RecordMerchantSignalsUseCase {
  constructor(
    private readonly signals: MerchantSignalsRepository,
    private readonly rescore: RescoreTouchedMerchants,
    private readonly contexts: MerchantContextRepository,
  ) {}

  async execute(manager: EntityManager, command: RecordMerchantSignalsCommand): Promise<{ applied: number }> {
    const fresh = await claimUnprocessed(
      manager,
      command.consumer,
      command.events.map((e) => e.id),
    );
    const touched: string[] = [];
    for (const event of command.events) {
      if (!fresh.has(event.id)) continue;
      fresh.delete(event.id);
      if (await this.apply(manager, event)) touched.push(event.merchantId);
    }
    if (touched.length > 0) await this.rescore.execute(manager, touched);
    return { applied: touched.length };
  }

  /** Applies one event; false when the type does not matter to scoring. */
  private async apply(m: EntityManager, e: AnyEvent): Promise<boolean> {
    switch (e.type) {
      case 'MerchantRegistered':
        await this.signals.recordStatus(m, e.merchantId, e.payload.status, e.occurredAt);
        await this.signals.recordProfile(m, profileOf(e.merchantId, e.payload, e.payload.registeredAt));
        return true;
      case 'MerchantUpdated':
        // Region and city only label the worklist: no rescoring.
        await this.signals.recordProfile(m, profileOf(e.merchantId, e.payload, e.payload.updatedAt));
        return false;
      case 'MerchantStatusChanged':
        await this.signals.recordStatus(m, e.merchantId, e.payload.to, e.payload.changedAt);
        return true;
      case 'TerminalAssigned':
        await this.signals.recordTerminal(m, {
          terminalId: e.payload.terminalId,
          merchantId: e.merchantId,
          serialNumber: e.payload.serialNumber,
          status: e.payload.status,
          at: e.payload.assignedAt,
        });
        return false;
      case 'TerminalStatusChanged':
        await this.signals.recordTerminal(m, {
          terminalId: e.payload.terminalId,
          merchantId: e.merchantId,
          status: e.payload.to,
          at: e.payload.changedAt,
        });
        return false;
      case 'TerminalHealthDegraded':
        await this.signals.recordTerminalHealth(m, {
          ...e.payload,
          merchantId: e.merchantId,
          degraded: true,
          observedAt: e.occurredAt,
        });
        return true;
      case 'TerminalHealthRecovered':
        await this.signals.recordTerminalHealth(m, {
          ...e.payload,
          merchantId: e.merchantId,
          degraded: false,
          observedAt: e.payload.recoveredAt,
        });
        return true;
      case 'TicketOpened':
        await this.signals.openTicket(m, {
          ticketId: e.payload.ticketId,
          merchantId: e.merchantId,
          category: e.payload.category,
          openedAt: e.payload.openedAt,
        });
        return true;
      case 'TicketStatusChanged':
        await this.signals.changeTicketStatus(m, e.payload.ticketId, e.payload.to, e.payload.changedAt);
        return true;
      case 'MerchantClosureDeclared':
        await this.contexts.recordClosure(m, { merchantId: e.merchantId, ...e.payload });
        return true;
      case 'FeeChangeAnnounced': {
        const increase = largestIncrease(e.payload.currentTerms.rates, e.payload.newTerms.rates);
        if (increase === null) return false;
        await this.contexts.recordFeeChange(m, {
          merchantId: e.merchantId,
          planVersion: e.payload.planVersion,
          ...increase,
          announcedAt: e.payload.announcedAt,
          effectiveFrom: e.payload.effectiveFrom,
        });
        return true;
      }
      case 'TicketSlaBreached':
        await this.signals.markSlaBreached(m, e.payload.ticketId);
        return true;
      default:
        return false;
    }
  }
}

/** The channel rate that rises most (bps before and after), or null when none rises. */
function largestIncrease(from: FeeRatesV1, to: FeeRatesV1): { fromBps: number; toBps: number } | null {
  let best: { fromBps: number; toBps: number } | null = null;
  for (const channel of Object.keys(to) as Array<keyof FeeRatesV1>)
    if (to[channel] > from[channel] && (!best || to[channel] - from[channel] > best.toBps - best.fromBps))
      best = { fromBps: from[channel], toBps: to[channel] };
  return best;
}

/** The worklist labels of a registration or profile update: region and city, null when not given. */
function profileOf(
  merchantId: string,
  payload: { region?: string; city?: string },
  at: string,
): { merchantId: string; region: string | null; city: string | null; at: string } {
  return { merchantId, region: payload.region ?? null, city: payload.city ?? null, at };
}
