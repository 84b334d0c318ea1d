import { Injectable } from '@nestjs/common';
import {
  BEHAVIOUR_TIERS,
  BehaviourTier,
  createEvent,
  EventOf,
  EventRegistry,
} from '@merchant-pulse/contracts';
import { enqueueOutboxEvents } from '@merchant-pulse/kafka';
import { EntityManager } from 'typeorm';
import { EnrolmentMetrics } from '../../../enrolment/enrolment.metrics';
import { EnrolmentRepository } from '../../../enrolment/enrolment.repository';
import { ExitEnrolmentsUseCase } from '../../../enrolment/use-cases/exit-enrolments/exit-enrolments.use-case';
import type { ActivitySnapshot } from '../../../merchants/merchant-projections.repository';

const DAY_MS = 86_400_000;

/**
 * Conversions, for both arms alike: an enrolment converts on the merchant's FIRST local day, within the
 * `attributionDays` days after the enrolment day, with at least K (the campaign's `conversionMinApproved`)
 * approved purchases, read from merchant.activity.v1. The first conversion emits MerchantReactivated
 * (outbox, same transaction) and ends the enrolment (outreach cancelled); a later-arriving earlier day
 * moves the conversion day back without emitting again.
 */
@Injectable()
export class RecordConversionsUseCase {
  constructor(
    private readonly enrolments: EnrolmentRepository,
    private readonly exit: ExitEnrolmentsUseCase,
    private readonly metrics: EnrolmentMetrics,
  ) {}

  async execute(m: EntityManager, snapshots: readonly ActivitySnapshot[]): Promise<number> {
    const busy = snapshots.filter((s) => s.approvedCount > 0);
    const byDay = new Map(busy.map((s) => [`${s.merchantId}|${s.date}`, s]));
    const candidates = await this.enrolments.conversionCandidates(m, busy);
    const events: Array<EventOf<'MerchantReactivated'>> = [];
    for (const c of candidates.sort((a, b) => a.date.localeCompare(b.date))) {
      const snapshot = byDay.get(`${c.merchantId}|${c.date}`)!;
      if (snapshot.approvedCount < c.conversionMinApproved) continue;
      const reactivatedAt = snapshot.firstApprovedAt ?? snapshot.asOf;
      if (!(await this.enrolments.setConverted(m, c.id, c.date, reactivatedAt))) continue;
      this.metrics.conversions.inc({ campaign_kind: c.campaignKind, arm: c.arm });
      if (!c.exitedAt)
        await this.exit.execute(m, { campaignId: c.campaignId, merchantId: c.merchantId }, 'reactivated');
      const lastBefore = c.previousApprovedDate ? Date.parse(c.previousApprovedDate) : null;
      const daysInactive =
        lastBefore !== null
          ? Math.max(0, Math.round((Date.parse(c.date) - lastBefore) / DAY_MS) - 1)
          : (c.daysInactive ?? 0) + Math.round((Date.parse(c.date) - Date.parse(c.enrolledOn)) / DAY_MS);
      events.push(
        createEvent('MerchantReactivated', {
          merchantId: c.merchantId,
          producer: 'reactivation-campaigns',
          occurredAt: reactivatedAt,
          payload: {
            campaignId: c.campaignId,
            arm: c.arm,
            previousBehaviourTier: (BEHAVIOUR_TIERS as readonly string[]).includes(c.behaviourTier ?? '')
              ? (c.behaviourTier as BehaviourTier)
              : 'dormant',
            daysInactive,
            reactivatedAt,
          },
        }),
      );
    }
    await enqueueOutboxEvents(m, events, (type) => EventRegistry[type as 'MerchantReactivated'].topic);
    return events.length;
  }
}
