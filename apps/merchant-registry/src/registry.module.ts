import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { raw } from 'express';
import { MerchantRegistryConfig } from './config/merchant-registry.config';
import { ConsentLedgerRepository } from './contacts/consent-ledger.repository';
import { ContactsController } from './contacts/contacts.controller';
import { OutreachContactController } from './contacts/outreach-contact.controller';
import { GetOutreachContactUseCase } from './contacts/use-cases/get-outreach-contact/get-outreach-contact.use-case';
import { RecordConsentUseCase } from './contacts/use-cases/record-consent/record-consent.use-case';
import { DocumentRepository } from './documents/document.repository';
import {
  EncryptedObjectStorage,
  LocalDirectoryObjectStorage,
  ObjectStorage,
  PiiCipher,
} from '@merchant-pulse/secure-storage';
import { PiiController } from './pii/pii.controller';
import { ReencryptPiiUseCase } from './pii/use-cases/reencrypt-pii/reencrypt-pii.use-case';
import { FeePlanRepository } from './fee-plans/fee-plan.repository';
import { FeePlansController } from './fee-plans/fee-plans.controller';
import { FeePlanScheduler } from './fee-plans/jobs/fee-plan.scheduler';
import { GetFeePlanHistoryUseCase } from './fee-plans/use-cases/get-fee-plan-history/get-fee-plan-history.use-case';
import { GetFeePlanInForceUseCase } from './fee-plans/use-cases/get-fee-plan-in-force/get-fee-plan-in-force.use-case';
import { ApplyDueFeeChangesUseCase } from './fee-plans/use-cases/apply-due-fee-changes/apply-due-fee-changes.use-case';
import { ExpirePromotionsUseCase } from './fee-plans/use-cases/expire-promotions/expire-promotions.use-case';
import { GrantPromotionUseCase } from './fee-plans/use-cases/grant-promotion/grant-promotion.use-case';
import { ScheduleFeeChangeUseCase } from './fee-plans/use-cases/schedule-fee-change/schedule-fee-change.use-case';
import { MerchantRepository } from './merchants/merchant.repository';
import { MAX_DOCUMENT_BYTES } from './merchants/merchant.vocabulary';
import { MerchantsController } from './merchants/merchants.controller';
import { GetMerchantUseCase } from './merchants/use-cases/get-merchant/get-merchant.use-case';
import { ListMerchantsUseCase } from './merchants/use-cases/list-merchants/list-merchants.use-case';
import { SearchMerchantsUseCase } from './merchants/use-cases/search-merchants/search-merchants.use-case';
import { PiiAccessAuditRepository } from './pii-access/pii-access-audit.repository';
import { RegisterMerchantUseCase } from './merchants/use-cases/register-merchant/register-merchant.use-case';
import { TransitionMerchantUseCase } from './merchants/use-cases/transition-merchant/transition-merchant.use-case';
import { DeclareClosureUseCase } from './merchants/use-cases/declare-closure/declare-closure.use-case';
import { UpdateApplicationUseCase } from './merchants/use-cases/update-application/update-application.use-case';
import { UploadDocumentUseCase } from './merchants/use-cases/upload-document/upload-document.use-case';
import { PiiModule } from './pii/pii.module';
import { ReferralRepository } from './referrals/referral.repository';
import { RegistryEventsOutbox } from './shared/registry-events.outbox';
import { TransactionRunner } from './shared/transaction.runner';
import { TerminalRepository } from './terminals/terminal.repository';
import { TerminalsController } from './terminals/terminals.controller';
import { ChangeTerminalStatusUseCase } from './terminals/use-cases/change-terminal-status/change-terminal-status.use-case';
import { RegisterTerminalUseCase } from './terminals/use-cases/register-terminal/register-terminal.use-case';
import { RecordTimelineWhenMerchantEventConsumer } from './timeline/consumers/record-timeline-when-merchant-event.consumer';
import { UpdateTierWhenRiskChangedConsumer } from './timeline/consumers/update-tier-when-risk-changed.consumer';
import { TimelineController } from './timeline/timeline.controller';
import { TimelineRepository } from './timeline/timeline.repository';
import { ApplyRiskChangeUseCase } from './timeline/use-cases/apply-risk-change/apply-risk-change.use-case';
import { RecordMerchantEventsUseCase } from './timeline/use-cases/record-merchant-events/record-merchant-events.use-case';

/** Everything the registry does: merchants, documents, terminals, fee plans, consent, tiers, timeline. */
@Module({
  imports: [PiiModule],
  controllers: [
    MerchantsController,
    ContactsController,
    OutreachContactController,
    TerminalsController,
    FeePlansController,
    TimelineController,
    PiiController,
  ],
  providers: [
    TransactionRunner,
    RegistryEventsOutbox,
    MerchantRepository,
    DocumentRepository,
    ConsentLedgerRepository,
    TerminalRepository,
    FeePlanRepository,
    TimelineRepository,
    {
      // KYC documents are encrypted with the PII key ring before they reach the storage.
      provide: EncryptedObjectStorage,
      inject: [MerchantRegistryConfig, PiiCipher],
      useFactory: (config: MerchantRegistryConfig, cipher: PiiCipher) =>
        new EncryptedObjectStorage(new LocalDirectoryObjectStorage(config.OBJECT_STORAGE_DIR), cipher),
    },
    { provide: ObjectStorage, useExisting: EncryptedObjectStorage },
    ReencryptPiiUseCase,
    RegisterMerchantUseCase,
    ReferralRepository,
    UploadDocumentUseCase,
    TransitionMerchantUseCase,
    DeclareClosureUseCase,
    UpdateApplicationUseCase,
    GetMerchantUseCase,
    ListMerchantsUseCase,
    SearchMerchantsUseCase,
    PiiAccessAuditRepository,
    RecordConsentUseCase,
    GetOutreachContactUseCase,
    RegisterTerminalUseCase,
    ChangeTerminalStatusUseCase,
    ScheduleFeeChangeUseCase,
    ApplyDueFeeChangesUseCase,
    GrantPromotionUseCase,
    ExpirePromotionsUseCase,
    GetFeePlanHistoryUseCase,
    GetFeePlanInForceUseCase,
    FeePlanScheduler,
    RecordMerchantEventsUseCase,
    ApplyRiskChangeUseCase,
    UpdateTierWhenRiskChangedConsumer,
    RecordTimelineWhenMerchantEventConsumer,
  ],
  exports: [RegisterMerchantUseCase, MerchantRepository, FeePlanScheduler],
})
export class RegistryModule implements NestModule {
  /** Document uploads are raw bytes (not JSON): parse them as a Buffer, up to the size limit. */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(raw({ type: ['image/jpeg', 'image/png', 'application/pdf'], limit: MAX_DOCUMENT_BYTES }))
      .forRoutes({ path: 'v1/merchants/:id/documents/:type', method: RequestMethod.PUT });
  }
}
