import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { v5 as uuidv5 } from 'uuid';
import { localDate } from '../../../loyalty/loyalty.settings';
import { CareOutreach } from '../../care-outreach';
import { lowFeatureUse, quarterOf } from '../../care-schedule.policy';
import { CareMetrics } from '../../care.metrics';
import { CareRepository } from '../../care.repository';
import { CARE_SETTINGS, CareSettings } from '../../care.settings';
import { merchantPages } from '../../keyset-pages';

const OFFER_NAMESPACE = '1f5c8e2a-7d4b-4c3e-b6a9-0e8d2f7c1b53';
const REASON_TEXT: Record<string, string> = {
  never_used_qr: '您近期的收款都来自刷卡，还没有使用过扫码收款',
  requested_on_visit: '您在回访中希望参加收银培训',
};

/** A training offer to hand over: why, and whether the merchant asked for it (then it is a service call). */
export interface TrainingOfferRequest {
  merchantId: string;
  cycleKey: string;
  reason: 'never_used_qr' | 'requested_on_visit';
}

/**
 * Training offers (认知不足): a merchant that traded over the look-back but never through a QR channel
 * gets, once a quarter, the training offer (offer kind `training`) by SMS with email fallback — marketing,
 * so consent, fix-first and the frequency cap apply. A merchant who asked for training on a return
 * visit gets a service call from the training team instead.
 */
@Injectable()
export class OfferTrainingUseCase {
  constructor(
    private readonly care: CareRepository,
    private readonly outreach: CareOutreach,
    private readonly metrics: CareMetrics,
    private readonly clock: Clock,
    @Inject(CARE_SETTINGS) private readonly settings: CareSettings,
  ) {}

  async execute(): Promise<{ offered: number }> {
    const now = this.clock.now();
    const today = localDate(now, this.settings.timezone);
    const since = localDate(
      new Date(now.getTime() - this.settings.trainingLookbackDays * 86_400_000),
      this.settings.timezone,
    );
    const cycleKey = quarterOf(today);
    let offered = 0;
    for await (const page of merchantPages((after, limit) =>
      this.care.channelUse(since, cycleKey, after, limit),
    )) {
      for (const m of page) {
        const reason = lowFeatureUse(m.channelCounts);
        if (reason && (await this.offer({ merchantId: m.merchantId, cycleKey, reason }))) offered += 1;
      }
    }
    return { offered };
  }

  /** Creates the offer once per (merchant, cycle) and hands it to outreach; false when it existed. */
  async offer(request: TrainingOfferRequest): Promise<boolean> {
    const now = this.clock.now();
    const id = uuidv5(JSON.stringify([request.merchantId, request.cycleKey]), OFFER_NAMESPACE);
    const campaignId = `care-training:${id}`;
    const sendId = CareOutreach.sendIdOf(campaignId, request.merchantId);
    const created = await this.care.insertTrainingOffer({ id, ...request, sendId }, now);
    if (!created) return false;
    const requested = request.reason === 'requested_on_visit';
    await this.outreach.handOver({
      campaignId,
      merchantId: request.merchantId,
      sourceId: id,
      channel: requested ? 'phone_task' : 'sms',
      fallbackChannels: requested ? [] : ['email'],
      templateId: 'care-training-offer',
      purpose: requested ? 'service' : 'marketing',
      variables: { reason: REASON_TEXT[request.reason] },
      offer: { kind: 'training' },
      at: now,
      validUntil: new Date(now.getTime() + 30 * 86_400_000),
    });
    this.metrics.training.inc({ reason: request.reason });
    return true;
  }
}
