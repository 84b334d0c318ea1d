import { Injectable } from '@nestjs/common';
import { AnyEvent } from '@merchant-pulse/contracts';
import { feeRatesFromTerms } from '@merchant-pulse/fees';
import { claimUnprocessed } from '@merchant-pulse/kafka';
import { EntityManager } from 'typeorm';
import { ReplayParkedTransactionsUseCase } from '../../../parking/use-cases/replay-parked-transactions/replay-parked-transactions.use-case';
import { afterCommit } from '../../../shared/on-commit';
import { MerchantProjectionCache } from '../../merchant-projection.cache';
import { MerchantProjectionRepository } from '../../merchant-projection.repository';

/** Inbox name of the projection consumer. */
export const LIFECYCLE_CONSUMER = 'transaction-ingestion.lifecycle';

/**
 * Keeps the local merchant projection (merchant timezone/status, terminals, fee-plan versions with
 * effective dates and compensation, promotion overlays) from merchant.lifecycle.v1 — ingestion never
 * reads the registry's schema. Events are applied once (inbox) in partition order; merchants
 * registered in the chunk get their parked transactions replayed in the same transaction.
 */
@Injectable()
export class ApplyMerchantLifecycleUseCase {
  constructor(
    private readonly projection: MerchantProjectionRepository,
    private readonly cache: MerchantProjectionCache,
    private readonly replay: ReplayParkedTransactionsUseCase,
  ) {}

  async execute(events: readonly AnyEvent[], manager: EntityManager): Promise<void> {
    const fresh = await claimUnprocessed(
      manager,
      LIFECYCLE_CONSUMER,
      events.map((e) => e.id),
    );
    const touched = new Set<string>();
    const registered: string[] = [];
    for (const event of events) {
      if (!fresh.has(event.id)) continue;
      if (await this.apply(event, manager)) touched.add(event.merchantId);
      if (event.type === 'MerchantRegistered') registered.push(event.merchantId);
    }
    this.cache.invalidate(touched);
    afterCommit(manager, () => this.cache.invalidate(touched));
    if (registered.length > 0) await this.replay.execute(manager, registered);
  }

  /** Applies one event; false for event types ingestion does not project. */
  private async apply(event: AnyEvent, manager: EntityManager): Promise<boolean> {
    const merchantId = event.merchantId;
    switch (event.type) {
      case 'MerchantRegistered':
        await this.projection.upsertMerchant(manager, {
          merchantId,
          timezone: event.payload.timezone,
          status: event.payload.status,
        });
        return true;
      case 'MerchantUpdated':
        await this.projection.updateMerchant(manager, merchantId, { timezone: event.payload.timezone });
        return true;
      case 'MerchantStatusChanged':
        await this.projection.updateMerchant(manager, merchantId, { status: event.payload.to });
        return true;
      case 'TerminalAssigned':
        await this.projection.upsertTerminal(manager, {
          terminalId: event.payload.terminalId,
          merchantId,
          status: event.payload.status,
        });
        return true;
      case 'TerminalStatusChanged':
        await this.projection.upsertTerminal(manager, {
          terminalId: event.payload.terminalId,
          merchantId,
          status: event.payload.to,
        });
        return true;
      case 'FeePlanChanged':
        await this.projection.upsertFeePlan(manager, merchantId, {
          planVersion: event.payload.planVersion,
          feePlanId: event.payload.feePlanId,
          effectiveFromMs: Date.parse(event.payload.effectiveFrom),
          rates: feeRatesFromTerms(event.payload.terms),
          compensation: event.payload.compensation ?? null,
        });
        return true;
      case 'FeeChangeAnnounced':
        // The announced version, known ahead of its date: priced from its effective date exactly, not
        // from whenever the registry's job emits FeePlanChanged for it (an idempotent rewrite).
        await this.projection.upsertFeePlan(manager, merchantId, {
          planVersion: event.payload.planVersion,
          feePlanId: event.payload.feePlanId,
          effectiveFromMs: Date.parse(event.payload.effectiveFrom),
          rates: feeRatesFromTerms(event.payload.newTerms),
          compensation: event.payload.compensation ?? null,
        });
        return true;
      case 'FeePromotionGranted':
        await this.projection.upsertPromotion(manager, merchantId, {
          promotionId: event.payload.promotionId,
          bpsOff: event.payload.bpsOff,
          startsMs: Date.parse(event.payload.startsAt),
          endsMs: Date.parse(event.payload.endsAt),
        });
        return true;
      default:
        return false;
    }
  }
}
