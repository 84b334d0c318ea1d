import { Global, Module } from '@nestjs/common';
import { ProjectMerchantLifecycleConsumer } from './consumers/project-merchant-lifecycle.consumer';
import { ProjectMerchantRiskConsumer } from './consumers/project-merchant-risk.consumer';
import { ProjectSupportTicketsConsumer } from './consumers/project-support-tickets.consumer';
import { ProjectTerminalHealthConsumer } from './consumers/project-terminal-health.consumer';
import { RecordMerchantActivityConsumer } from './consumers/record-merchant-activity.consumer';
import { MerchantContextReader } from './merchant-context';
import { MerchantContextRepository } from './merchant-context.repository';
import { MerchantProjectionsRepository } from './merchant-projections.repository';
import { ProjectMerchantEventsUseCase } from './use-cases/project-merchant-events/project-merchant-events.use-case';
import { RecordMerchantActivityUseCase } from './use-cases/record-merchant-activity/record-merchant-activity.use-case';

/**
 * The merchant projections and {@link MerchantContextReader} over them, global so every part of the
 * service (campaigns, enrolment, results, outreach guards) reads one merchant context.
 */
@Global()
@Module({
  providers: [
    MerchantProjectionsRepository,
    MerchantContextRepository,
    { provide: MerchantContextReader, useExisting: MerchantContextRepository },
  ],
  exports: [MerchantProjectionsRepository, MerchantContextRepository, MerchantContextReader],
})
export class MerchantsModule {}

/**
 * The consumers of the five topics and their use cases. They call {@link MerchantEventHooks}, which
 * AppModule binds to enrolment/results, so they are listed among AppModule's providers.
 */
export const MERCHANT_CONSUMER_PROVIDERS = [
  ProjectMerchantEventsUseCase,
  RecordMerchantActivityUseCase,
  ProjectMerchantRiskConsumer,
  ProjectMerchantLifecycleConsumer,
  ProjectTerminalHealthConsumer,
  ProjectSupportTicketsConsumer,
  RecordMerchantActivityConsumer,
];
