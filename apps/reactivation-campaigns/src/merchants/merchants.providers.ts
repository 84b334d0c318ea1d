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
 * Providers of merchants/: this service's projections of the five topics it consumes, and {@link MerchantContextReader} over
 * them. {@link MerchantEventHooks} is bound in AppModule (enrolment and results implement it), which is why these are providers and not a module of their own.
 */
export const MERCHANT_PROVIDERS = [
  MerchantProjectionsRepository,
  MerchantContextRepository,
  { provide: MerchantContextReader, useExisting: MerchantContextRepository },
  ProjectMerchantEventsUseCase,
  RecordMerchantActivityUseCase,
  ProjectMerchantRiskConsumer,
  ProjectMerchantLifecycleConsumer,
  ProjectTerminalHealthConsumer,
  ProjectSupportTicketsConsumer,
  RecordMerchantActivityConsumer,
];
