import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { v7 as uuidv7 } from 'uuid';
import { EntityManager } from 'typeorm';
import { MerchantContextRepository } from '../../../merchants/merchant-context.repository';
import { EnrolmentMetrics } from '../../enrolment.metrics';
import { EnrolmentRepository, NewEnrolment } from '../../enrolment.repository';
import { assignArm } from '../../holdout';
import { reasonText } from '../../reason-text';
import { EnrolMerchantsCommand } from './enrol-merchants.command';

/**
 * Enrols merchants in a campaign, in the caller's transaction. Re-entry rules: never while enrolled
 * in the campaign, and not within the campaign's cool-down after an exit. The arm is drawn from the
 * merchant's LEGAL ENTITY and the campaign (so all stores of a chain share it) and recorded now; it
 * never changes. Treatment enrolments are handed to outreach afterwards by {@link HandOffEnrolmentsJob}
 * (committed rows only); holdout enrolments never are, so holdout merchants get no steps.
 */
@Injectable()
export class EnrolMerchantsUseCase {
  constructor(
    private readonly enrolments: EnrolmentRepository,
    private readonly contexts: MerchantContextRepository,
    private readonly metrics: EnrolmentMetrics,
    private readonly clock: Clock,
  ) {}

  async execute(m: EntityManager, command: EnrolMerchantsCommand): Promise<NewEnrolment[]> {
    const { campaign, candidates, trigger } = command;
    if (candidates.length === 0) return [];
    const now = this.clock.now();
    const ids = [...new Set(candidates.map((c) => c.merchantId))];
    const eligible = await this.enrolments.eligible(m, campaign.id, ids, now, campaign.reentryCooldownDays);
    const contexts = await this.contexts.readMany([...eligible], m);
    const rows: NewEnrolment[] = [];
    const seen = new Set<string>();
    for (const c of candidates) {
      const ctx = contexts.get(c.merchantId);
      if (!ctx || seen.has(c.merchantId)) continue;
      seen.add(c.merchantId);
      rows.push({
        id: uuidv7(),
        campaignId: campaign.id,
        merchantId: c.merchantId,
        legalEntityId: ctx.legalEntityId,
        arm: assignArm(campaign.id, ctx.legalEntityId, campaign.holdoutShare),
        enrolledAt: now.toISOString(),
        timezone: ctx.timezone,
        trigger,
        behaviourTier: ctx.behaviourTier,
        valueTier: ctx.valueTier,
        daysInactive: c.daysInactive,
        variables: {
          merchantName: ctx.displayName ?? c.merchantId,
          reasonCode: ctx.reasonCodes[0] ?? '',
          reason: reasonText(ctx.reasonCodes[0]),
          ...c.variables,
        },
      });
    }
    const written = await this.enrolments.insertMany(m, rows, campaign.attributionDays);
    const enrolled = rows.filter((r) => written.has(r.id));
    for (const r of enrolled) this.metrics.enrolled.inc({ campaign_kind: campaign.kind, arm: r.arm });
    return enrolled;
  }
}
