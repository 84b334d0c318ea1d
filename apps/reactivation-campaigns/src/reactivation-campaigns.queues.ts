import type { OutreachChannel } from '@merchant-pulse/contracts';

/** Every BullMQ queue and job name of reactivation-campaigns (CONVENTIONS.md: one constant per app). */
export const CampaignQueues = {
  /** Outreach per channel: one queue each, so each channel has its own rate limit. */
  Outreach: {
    sms: 'reactivation.outreach.sms',
    email: 'reactivation.outreach.email',
    phone_task: 'reactivation.outreach.phone_task',
  } satisfies Record<OutreachChannel, string>,
} as const;

/** Job names on the outreach queues. */
export const CampaignJobs = {
  /** One step of one merchant's sequence in one campaign. */
  DispatchStep: 'dispatch-step',
} as const;
