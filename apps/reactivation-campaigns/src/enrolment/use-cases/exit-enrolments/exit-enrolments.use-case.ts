import { Injectable, Optional } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { EntityManager } from 'typeorm';
import { OutreachScheduler } from '../../../outreach/outreach-scheduler';
import { EnrolmentMetrics } from '../../enrolment.metrics';
import { EnrolmentRepository } from '../../enrolment.repository';

/** Why an enrolment ended. */
export type ExitReason = 'reactivated' | 'status_changed' | 'campaign_completed';

/**
 * Ends open enrolments (of a merchant, a campaign, or one pair) and cancels the outreach still pending
 * for the treatment ones. Cancelling is idempotent, so a redelivered event that ends nothing new is harmless.
 */
@Injectable()
export class ExitEnrolmentsUseCase {
  constructor(
    private readonly enrolments: EnrolmentRepository,
    private readonly metrics: EnrolmentMetrics,
    private readonly clock: Clock,
    @Optional() private readonly outreach?: OutreachScheduler,
  ) {}

  async execute(
    m: EntityManager,
    where: { campaignId?: string; merchantId?: string },
    reason: ExitReason,
  ): Promise<number> {
    const ended = await this.enrolments.exitOpen(m, where, reason, this.clock.now().toISOString());
    for (const e of ended) {
      this.metrics.exits.inc({ reason });
      if (e.arm === 'treatment') await this.outreach?.cancel(e.campaignId, e.merchantId, reason);
    }
    return ended.length;
  }
}
