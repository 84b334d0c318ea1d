import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import type { OutreachChannel } from '@merchant-pulse/contracts';
import { LOGGER, Logger } from '@merchant-pulse/observability';
import { ChannelSender, SendResult } from '../../../channels/channel-sender';
import { describeOffer, hasTemplate, renderTemplate } from '../../../channels/templates/render-template';
import { ReactivationCampaignsConfig } from '../../../config/reactivation-campaigns.config';
import { MerchantContext, MerchantContextReader } from '../../../merchants/merchant-context';
import { AcceptOfferUseCase } from '../../../offers/use-cases/accept-offer/accept-offer.use-case';
import {
  MerchantRegistryClient,
  RegistryContact,
  RegistryUnavailableError,
} from '../../../registry/merchant-registry.client';
import {
  capReached,
  contactSkipReason,
  fixFirstFinding,
  statusSkipReason,
  targetingSkipReason,
} from '../../guards/outreach-guards';
import { nextSendInstant, QuietHours } from '../../guards/send-window';
import { fixFirstRequested } from '../../outreach.events';
import { OutreachMetrics } from '../../outreach.metrics';
import { FINAL_SEND_STATES, SendRecord, SendRecordRepository } from '../../send-record.repository';
import { DispatchOutcome, DispatchStepCommand, RetryableOutreachError } from './dispatch-step.command';
import { SendOnChannel } from './send-on-channel';
import { ResolveUnknownSend } from './resolve-unknown-send';
import { SendRecordOutcomes } from './send-record-outcomes';

/** Channel senders by channel (provided by the outreach module). */
export const CHANNEL_SENDERS = Symbol('reactivation:channel-senders');

const DONE: DispatchOutcome = { kind: 'done' };
/** Projected statuses that skip a send before the registry is asked (see execute). */
const PROJECTED_STOPS = new Set(['suspended', 'closed']);
const REGISTRY_CHANNEL = { sms: 'sms', email: 'email', phone_task: 'phone' } as const;

/**
 * One step of one merchant's sequence at send time: the guards in order (validity, merchant status,
 * targeting, fix-first, send window — held, not dropped —, consent and contact per channel with
 * fallback, frequency cap), then exactly one hand-over to the channel. Every outcome lands on the send
 * record (skip reason, rendered content, masked address) and in the metrics.
 */
@Injectable()
export class DispatchStepUseCase {
  constructor(
    private readonly records: SendRecordRepository,
    private readonly contexts: MerchantContextReader,
    private readonly registry: MerchantRegistryClient,
    private readonly sendOnChannel: SendOnChannel,
    private readonly outcomes: SendRecordOutcomes,
    private readonly resolveUnknown: ResolveUnknownSend,
    private readonly acceptOffer: AcceptOfferUseCase,
    private readonly metrics: OutreachMetrics,
    private readonly config: ReactivationCampaignsConfig,
    private readonly clock: Clock,
    @Inject(CHANNEL_SENDERS) private readonly senders: Record<OutreachChannel, ChannelSender>,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async execute(command: DispatchStepCommand): Promise<DispatchOutcome> {
    const { data } = command;
    let record = await this.records.findById(data.sendId);
    if (!record || FINAL_SEND_STATES.includes(record.state)) return DONE;
    const now = this.clock.now();
    if (record.state === 'sending') return this.outcomes.closeInterrupted(record, now);
    if (record.state === 'unknown') {
      const channel = (record.channel ?? record.plannedChannel) as OutreachChannel;
      if ((await this.resolveUnknown.execute(this.senders[channel], record, now)) === 'delivered') {
        await this.grantAtSend(command, record);
        return DONE;
      }
      record = { ...record, state: 'scheduled', channel: null, sentAt: null };
    }
    if (now.getTime() > Date.parse(data.validUntil)) return this.outcomes.expire(record, now);

    const context = await this.contexts.read(data.merchantId);
    if (!context) return this.outcomes.skip(record, 'unknown_merchant', now);
    // Suspended or closed in the projection: skipped without asking the registry. Any other status that is
    // not active (an onboarding step, or none yet) may only be the projection lagging the registry, whose
    // live status (with the contact, below) decides.
    const projected = PROJECTED_STOPS.has(context.status) ? statusSkipReason(context.status) : null;
    const early = projected ?? targetingSkipReason(data.step, context);
    if (early) return this.outcomes.skip(record, early, now);
    const fixFirst = fixFirstFinding(data.step.purpose, context);
    if (fixFirst) {
      return this.outcomes.skip(record, 'suppressed_fix_first', now, [
        fixFirstRequested(record, fixFirst, now),
      ]);
    }
    const next = this.nextSendInstant(now, context);
    if (next.getTime() > now.getTime()) return this.outcomes.hold(record, next, now);

    const trail = [...data.trail];
    for (let i = data.channelIndex; i < command.channels.length; i++) {
      const channel = command.channels[i];
      if (i > data.channelIndex) return { kind: 'fallback', channelIndex: i, trail };
      const contact = await this.contact(data.merchantId, channel);
      if (!contact) return this.outcomes.skip(record, 'unknown_merchant', now);
      const status = statusSkipReason(contact.status);
      if (status) return this.outcomes.skip(record, status, now);
      // The merchant's own quiet hours (registry, its timezone) narrow the window: held, not dropped.
      const quiet = this.nextSendInstant(now, context, contact.quietHours);
      if (quiet.getTime() > now.getTime()) return this.outcomes.hold(record, quiet, now, 'quiet_hours');
      const unusable =
        contactSkipReason(contact, data.step.purpose) ?? this.templateGap(data.step.templateId, channel);
      if (unusable) {
        trail.push(unusable);
        continue;
      }
      const result = await this.handOver(command, record, channel, contact, now);
      if (result === 'capped') return this.outcomes.skip(record, 'frequency_cap', now);
      if (result === 'lost' || result.kind === 'delivered') return DONE;
      if ((result.kind === 'retryable' || result.kind === 'unknown') && !command.finalAttempt) {
        throw new RetryableOutreachError(`${channel}: ${result.detail}`);
      }
      if (result.kind === 'unknown') {
        // No attempt left: settle it now rather than leave it unknown.
        const settled = await this.resolveUnknown.execute(this.senders[channel], { ...record, channel }, now);
        if (settled === 'delivered') {
          await this.grantAtSend(command, record);
          return DONE;
        }
      }
      trail.push(result.kind === 'invalid_contact' ? result.kind : 'provider_error');
    }
    return this.outcomes.exhausted(record, trail, now);
  }

  /** Business hours minus the merchant's peaks (and its quiet hours when given), in its timezone. */
  private nextSendInstant(now: Date, context: MerchantContext, quiet?: QuietHours): Date {
    const policy = { ...this.config.businessHours, peakHourShare: this.config.OUTREACH_PEAK_HOUR_SHARE };
    return nextSendInstant(now, context.timezone, context.hourHistogram, policy, quiet);
  }

  /** Consent and address from the registry at send time; a registry outage is retried. */
  private async contact(merchantId: string, channel: OutreachChannel): Promise<RegistryContact | null> {
    try {
      return await this.registry.outreachContact(merchantId, REGISTRY_CHANNEL[channel]);
    } catch (error) {
      if (error instanceof RegistryUnavailableError) throw new RetryableOutreachError(error.message);
      throw error;
    }
  }

  private templateGap(templateId: string, channel: OutreachChannel): 'no_contact' | null {
    return hasTemplate(templateId, channel) ? null : 'no_contact';
  }

  /** Claims the record (cap checked under the merchant's lock), sends once, records the result. */
  private async handOver(
    command: DispatchStepCommand,
    record: SendRecord,
    channel: OutreachChannel,
    contact: RegistryContact,
    now: Date,
  ): Promise<SendResult | 'capped' | 'lost'> {
    const { data } = command;
    const variables = {
      displayName: contact.displayName,
      offer: describeOffer(data.step.offer),
      ...data.variables,
    };
    const rendered = renderTemplate(data.step.templateId, channel, variables);
    const claim = await this.records.transaction(async (manager) => {
      await this.records.lockMerchant(manager, record.merchantId);
      const since = new Date(now.getTime() - this.config.OUTREACH_CAP_WINDOW_DAYS * 86_400_000);
      const recent = await this.records.recentMarketingContacts(manager, record.merchantId, since);
      if (capReached(data.step.purpose, recent, this.config.OUTREACH_MARKETING_CAP)) return 'capped' as const;
      const patch = {
        channel,
        attempts: record.attempts + 1,
        addressMasked: contact.addressMasked,
        subject: rendered.subject,
        body: rendered.body,
        sentAt: now,
      };
      const won = await this.records.transition(
        record.id,
        ['scheduled', 'held'],
        'sending',
        patch,
        now,
        manager,
      );
      return won ? ('claimed' as const) : ('lost' as const);
    });
    if (claim !== 'claimed') return claim;
    const result = await this.sendOnChannel.send(
      this.senders[channel],
      record,
      channel,
      {
        sendId: record.id,
        campaignId: record.campaignId,
        merchantId: record.merchantId,
        purpose: data.step.purpose,
        address: contact.address!,
        addressMasked: contact.addressMasked,
        subject: rendered.subject,
        body: rendered.body,
        offer: data.step.offer,
      },
      command.finalAttempt,
      now,
    );
    if (result.kind === 'delivered') {
      this.metrics.latency.observe({ channel }, Math.max(0, (now.getTime() - Date.parse(data.dueAt)) / 1000));
      await this.grantAtSend(command, record);
    }
    return result;
  }

  /** A "granted" offer is accepted at send (after the margin guardrail); a failure never unsends. */
  private async grantAtSend(command: DispatchStepCommand, record: SendRecord): Promise<void> {
    const offer = command.data.step.offer;
    if (!offer || !('grantedAtSend' in offer) || !offer.grantedAtSend) return;
    try {
      await this.acceptOffer.execute({
        campaignId: record.campaignId,
        merchantId: record.merchantId,
        stepIndex: record.stepIndex,
        offer,
        source: 'granted_at_send',
      });
    } catch (err) {
      this.logger.error(
        { err, sendId: record.id },
        'granting the offer at send failed; accept it again by API',
      );
    }
  }
}
