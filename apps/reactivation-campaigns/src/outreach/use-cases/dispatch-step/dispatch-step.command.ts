import type { OutreachChannel } from '@merchant-pulse/contracts';
import { OUTREACH_CHANNELS } from '@merchant-pulse/contracts';
import type { CampaignStep } from '../../outreach-scheduler';

/** The data of one outreach job: one step of one merchant's sequence, on one channel of its fallbacks. */
export interface DispatchStepJobData {
  sendId: string;
  campaignId: string;
  merchantId: string;
  step: CampaignStep;
  variables: Record<string, string | number>;
  /** ISO instants. */
  dueAt: string;
  validUntil: string;
  /** Position in [step.channel, ...step.fallbackChannels] this job tries. */
  channelIndex: number;
  /** Why earlier channels could not be used (no_consent, no_contact, invalid_contact, provider_error). */
  trail: string[];
}

/** Validated job data plus whether BullMQ will try it again after this attempt. */
export class DispatchStepCommand {
  constructor(
    readonly data: DispatchStepJobData,
    readonly finalAttempt: boolean,
  ) {
    const d = data as Partial<DispatchStepJobData> | null;
    const channels = d?.step ? [d.step.channel, ...(d.step.fallbackChannels ?? [])] : [];
    if (
      !d ||
      typeof d.sendId !== 'string' ||
      typeof d.campaignId !== 'string' ||
      typeof d.merchantId !== 'string' ||
      !d.step ||
      !channels.every((c) => (OUTREACH_CHANNELS as readonly string[]).includes(c)) ||
      !Number.isInteger(d.channelIndex) ||
      d.channelIndex! < 0 ||
      d.channelIndex! >= channels.length ||
      Number.isNaN(Date.parse(d.dueAt ?? '')) ||
      Number.isNaN(Date.parse(d.validUntil ?? '')) ||
      !Array.isArray(d.trail)
    ) {
      throw new TypeError('invalid outreach job data');
    }
  }

  /** The channels of the step in order: the planned one, then its fallbacks. */
  get channels(): OutreachChannel[] {
    return [this.data.step.channel, ...this.data.step.fallbackChannels];
  }
}

/** What the job runner does next. */
export type DispatchOutcome =
  | { kind: 'done' }
  | { kind: 'hold'; until: Date }
  | { kind: 'fallback'; channelIndex: number; trail: string[] };

/** A retryable failure (provider 5xx/timeout, registry unavailable): BullMQ retries with backoff. */
export class RetryableOutreachError extends Error {
  override readonly name = 'RetryableOutreachError';
}
