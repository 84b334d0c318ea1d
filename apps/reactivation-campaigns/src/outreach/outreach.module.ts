import { Module } from '@nestjs/common';
import { OutreachChannel } from '@merchant-pulse/contracts';
import { ChannelRateGate } from '../channels/channel-rate.gate';
import { ChannelSender } from '../channels/channel-sender';
import { SmtpEmailSender } from '../channels/email/smtp-email.sender';
import { PhoneTaskRepository } from '../channels/phone-tasks/phone-task.repository';
import { PhoneTaskSender } from '../channels/phone-tasks/phone-task.sender';
import { PhoneTasksController } from '../channels/phone-tasks/phone-tasks.controller';
import { HandleNoAnswerUseCase } from '../channels/phone-tasks/use-cases/handle-no-answer/handle-no-answer.use-case';
import { ClaimPhoneTaskUseCase } from '../channels/phone-tasks/use-cases/claim-phone-task/claim-phone-task.use-case';
import { RecordPhoneOutcomeUseCase } from '../channels/phone-tasks/use-cases/record-phone-outcome/record-phone-outcome.use-case';
import { HttpSmsSender } from '../channels/sms/http-sms.sender';
import { OfferAcceptanceRepository } from '../offers/offer-acceptance.repository';
import { MerchantFeeRates } from '../offers/merchant-fee-rates';
import { OfferCostEstimator } from '../offers/offer-cost.estimator';
import { OffersController } from '../offers/offers.controller';
import { AcceptOfferUseCase } from '../offers/use-cases/accept-offer/accept-offer.use-case';
import { MerchantRegistryClient } from '../registry/merchant-registry.client';
import { BullMqOutreachScheduler } from './bullmq-outreach.scheduler';
import { OutreachMetrics } from './outreach.metrics';
import { OutreachScheduler } from './outreach-scheduler';
import { SendRecordRepository } from './send-record.repository';
import { CHANNEL_SENDERS, DispatchStepUseCase } from './use-cases/dispatch-step/dispatch-step.use-case';
import { ResolveUnknownSend } from './use-cases/dispatch-step/resolve-unknown-send';
import { SendOnChannel } from './use-cases/dispatch-step/send-on-channel';
import { SendRecordOutcomes } from './use-cases/dispatch-step/send-record-outcomes';

/**
 * Outreach: the BullMQ OutreachScheduler (guards at send time, channels with fallback, rate limits), the
 * phone-task queue, offers (acceptance → registry promotion, margin guardrail). Needs a
 * MerchantContextReader from merchants/ (global).
 */
@Module({
  controllers: [PhoneTasksController, OffersController],
  providers: [
    MerchantRegistryClient,
    OutreachMetrics,
    SendRecordRepository,
    PhoneTaskRepository,
    OfferAcceptanceRepository,
    OfferCostEstimator,
    MerchantFeeRates,
    AcceptOfferUseCase,
    SmtpEmailSender,
    HttpSmsSender,
    PhoneTaskSender,
    {
      provide: CHANNEL_SENDERS,
      inject: [HttpSmsSender, SmtpEmailSender, PhoneTaskSender],
      useFactory: (...senders: ChannelSender[]): Record<OutreachChannel, ChannelSender> =>
        Object.fromEntries(senders.map((s) => [s.channel, s])) as Record<OutreachChannel, ChannelSender>,
    },
    ChannelRateGate,
    SendOnChannel,
    SendRecordOutcomes,
    ResolveUnknownSend,
    DispatchStepUseCase,
    ClaimPhoneTaskUseCase,
    RecordPhoneOutcomeUseCase,
    HandleNoAnswerUseCase,
    BullMqOutreachScheduler,
    { provide: OutreachScheduler, useExisting: BullMqOutreachScheduler },
  ],
  exports: [OutreachScheduler, BullMqOutreachScheduler, OfferCostEstimator, RecordPhoneOutcomeUseCase],
})
export class OutreachModule {}
