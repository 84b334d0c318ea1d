import { Global, Module } from '@nestjs/common';
import { slaControllers, slaProviders } from './sla.providers';
import { SlaTracker } from './sla-tracker';

/**
 * The SLA engine. Global, so the ticket lifecycle injects {@link SlaTracker}; it finds the lifecycle's
 * `TicketEscalation` lazily (see SlaEscalator).
 */
@Global()
@Module({ controllers: slaControllers, providers: slaProviders, exports: [SlaTracker] })
export class SlaModule {}
