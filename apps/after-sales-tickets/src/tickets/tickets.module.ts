import { Global, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { TransactionRunner } from '@merchant-pulse/database';
import {
  EncryptedObjectStorage,
  LocalDirectoryObjectStorage,
  ObjectStorage,
  PiiCipher,
  PiiKeyRing,
  piiKeyRingFromEnv,
} from '@merchant-pulse/secure-storage';
import { raw } from 'express';
import { AfterSalesTicketsConfig } from '../config/after-sales-tickets.config';
import { FieldVisitRepository } from '../field-visits/field-visit.repository';
import { FieldVisitsController } from '../field-visits/field-visits.controller';
import { ChangeFieldVisitUseCase } from '../field-visits/use-cases/change-field-visit/change-field-visit.use-case';
import { RequestFieldVisitUseCase } from '../field-visits/use-cases/request-field-visit/request-field-visit.use-case';
import { RecordMerchantMembershipConsumer } from '../merchant-facts/consumers/record-merchant-membership.consumer';
import { RecordMerchantRiskConsumer } from '../merchant-facts/consumers/record-merchant-risk.consumer';
import { MerchantFactsRepository } from '../merchant-facts/merchant-facts.repository';
import { RecordMembershipUseCase } from '../merchant-facts/use-cases/record-membership/record-membership.use-case';
import { RecordMerchantRiskUseCase } from '../merchant-facts/use-cases/record-merchant-risk/record-merchant-risk.use-case';
import { RoutingController } from '../routing/routing.controller';
import { RoutingRepository } from '../routing/routing.repository';
import { TicketRouter } from '../routing/ticket.router';
import { EscalateTicketUseCase } from '../routing/use-cases/escalate-ticket/escalate-ticket.use-case';
import { ReassignTicketUseCase } from '../routing/use-cases/reassign-ticket/reassign-ticket.use-case';
import { TicketEscalation } from '../sla/sla-tracker';
import { SupportEventsOutbox } from '../shared/support-events.outbox';
import { SurveyTokenSigner } from '../surveys/survey-token';
import { SurveyIssuer } from '../surveys/survey.issuer';
import { SurveyRepository } from '../surveys/survey.repository';
import { SurveysController } from '../surveys/surveys.controller';
import { AnswerSurveyUseCase } from '../surveys/use-cases/answer-survey/answer-survey.use-case';
import { TerminalHealthRepository } from '../terminal-health/terminal-health.repository';
import { AttachmentTypeDetector } from './attachments/attachment-type.detector';
import { OpenTicketWhenFixFirstRequestedConsumer } from './consumers/open-ticket-when-fix-first-requested.consumer';
import { OpenTicketWhenTerminalHealthDegradedConsumer } from './consumers/open-ticket-when-terminal-health-degraded.consumer';
import { ResolveTicketWhenTerminalTransactsConsumer } from './consumers/resolve-ticket-when-terminal-transacts.consumer';
import { TicketDetailsRepository } from './ticket-details.repository';
import { TicketHistoryRepository } from './ticket-history.repository';
import { TicketJournal } from './ticket.journal';
import { TicketMetrics } from './ticket.metrics';
import { TicketRepository } from './ticket.repository';
import { TicketResolver } from './ticket.resolver';
import { TicketsController } from './tickets.controller';
import { AcceptFixFirstUseCase } from './use-cases/accept-fix-first/accept-fix-first.use-case';
import { AddTicketMessageUseCase } from './use-cases/add-ticket-message/add-ticket-message.use-case';
import { ChangeTicketStatusUseCase } from './use-cases/change-ticket-status/change-ticket-status.use-case';
import { GetTicketUseCase } from './use-cases/get-ticket/get-ticket.use-case';
import { HandleTerminalHealthUseCase } from './use-cases/handle-terminal-health/handle-terminal-health.use-case';
import { LinkTicketsUseCase } from './use-cases/link-tickets/link-tickets.use-case';
import { MergeTicketsUseCase } from './use-cases/merge-tickets/merge-tickets.use-case';
import { OpenTicketUseCase } from './use-cases/open-ticket/open-ticket.use-case';
import { UpdateTicketUseCase } from './use-cases/update-ticket/update-ticket.use-case';
import { UploadAttachmentUseCase } from './use-cases/upload-attachment/upload-attachment.use-case';
import { VerifyResolutionUseCase } from './use-cases/verify-resolution/verify-resolution.use-case';

/**
 * The ticket side of after-sales: lifecycle, routing and escalation, proactive tickets and verified
 * resolutions, field visits, surveys, and the projections they read. Global, so the SLA engine (sla/)
 * finds `TicketEscalation`; it needs `SlaTracker` from the SLA engine's (global) module.
 */
@Global()
@Module({
  controllers: [TicketsController, RoutingController, FieldVisitsController, SurveysController],
  providers: [
    TransactionRunner,
    SupportEventsOutbox,
    TicketRepository,
    TicketHistoryRepository,
    TicketDetailsRepository,
    TicketJournal,
    TicketResolver,
    TicketMetrics,
    RoutingRepository,
    TicketRouter,
    FieldVisitRepository,
    SurveyRepository,
    SurveyIssuer,
    MerchantFactsRepository,
    TerminalHealthRepository,
    AttachmentTypeDetector,
    {
      provide: SurveyTokenSigner,
      inject: [AfterSalesTicketsConfig],
      useFactory: (config: AfterSalesTicketsConfig) => new SurveyTokenSigner(config.SURVEY_TOKEN_SECRET),
    },
    {
      provide: PiiKeyRing,
      inject: [AfterSalesTicketsConfig],
      useFactory: (config: AfterSalesTicketsConfig) =>
        piiKeyRingFromEnv({ PII_ENCRYPTION_KEYS: config.PII_ENCRYPTION_KEYS, NODE_ENV: config.NODE_ENV }),
    },
    {
      provide: ObjectStorage,
      inject: [AfterSalesTicketsConfig, PiiKeyRing],
      useFactory: (config: AfterSalesTicketsConfig, ring: PiiKeyRing) =>
        new EncryptedObjectStorage(
          new LocalDirectoryObjectStorage(config.OBJECT_STORAGE_DIR),
          new PiiCipher(ring),
        ),
    },
    OpenTicketUseCase,
    ChangeTicketStatusUseCase,
    UpdateTicketUseCase,
    AddTicketMessageUseCase,
    LinkTicketsUseCase,
    MergeTicketsUseCase,
    UploadAttachmentUseCase,
    GetTicketUseCase,
    HandleTerminalHealthUseCase,
    AcceptFixFirstUseCase,
    VerifyResolutionUseCase,
    RecordMerchantRiskUseCase,
    RecordMembershipUseCase,
    ReassignTicketUseCase,
    EscalateTicketUseCase,
    { provide: TicketEscalation, useExisting: EscalateTicketUseCase },
    RequestFieldVisitUseCase,
    ChangeFieldVisitUseCase,
    AnswerSurveyUseCase,
    OpenTicketWhenTerminalHealthDegradedConsumer,
    OpenTicketWhenFixFirstRequestedConsumer,
    ResolveTicketWhenTerminalTransactsConsumer,
    RecordMerchantRiskConsumer,
    RecordMerchantMembershipConsumer,
  ],
  exports: [TicketEscalation, TicketRepository, TransactionRunner, SupportEventsOutbox],
})
export class TicketsModule implements NestModule {
  constructor(private readonly config: AfterSalesTicketsConfig) {}

  /** Attachments are raw bytes (not JSON): parsed as a Buffer up to ATTACHMENT_MAX_BYTES (413 beyond). */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(raw({ type: () => true, limit: this.config.ATTACHMENT_MAX_BYTES }))
      .forRoutes({ path: 'v1/tickets/:id/attachments', method: RequestMethod.POST });
  }
}
