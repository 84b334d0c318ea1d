import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { v5 as uuidv5 } from 'uuid';
import { localDate } from '../../../loyalty/loyalty.settings';
import { CareOutreach } from '../../care-outreach';
import { planVisit, PlannedVisit, VisitKind } from '../../care-schedule.policy';
import { CareMetrics } from '../../care.metrics';
import { CareRepository, CareVisit } from '../../care.repository';
import { CARE_SETTINGS, CareSettings } from '../../care.settings';
import { CARE_PAGE, merchantPages } from '../../keyset-pages';

/** Namespace of visit ids: uuid v5 of (merchant, kind, cycle), the same on every run and replica. */
const VISIT_NAMESPACE = '8d0b5f3e-3c1a-4f4e-9b7a-2f6d1c0e5a91';
const VISIT_VALID_DAYS = 30;

/** What the script says the visit is about (zh-CN). */
const VISIT_REASON: Record<VisitKind, string> = {
  new_merchant: '开通使用满一个月的新商户回访',
  vip: '重点客户季度回访',
  active: '老客户定期回访',
  survey_follow_up: '满意度调查低分回访',
  on_demand: '运营发起的回访',
};

export function visitIdOf(merchantId: string, kind: VisitKind, cycleKey: string): string {
  return uuidv5(JSON.stringify([merchantId, kind, cycleKey]), VISIT_NAMESPACE);
}

/**
 * The periodic return-visit run: every active merchant is checked against the scheduling rules (in its
 * own timezone's calendar) and the visit it is due gets created once per (merchant, kind, cycle) and
 * handed to outreach as a service contact — a phone task with the visit script, or an SMS/email for
 * low-value merchants. Visits whose hand-over was lost (a crash between row and job) are handed over again.
 */
@Injectable()
export class ScheduleReturnVisitsUseCase {
  constructor(
    private readonly care: CareRepository,
    private readonly outreach: CareOutreach,
    private readonly metrics: CareMetrics,
    private readonly clock: Clock,
    @Inject(CARE_SETTINGS) private readonly settings: CareSettings,
  ) {}

  async execute(): Promise<{ created: number }> {
    const now = this.clock.now();
    let created = 0;
    for await (const page of merchantPages((after, limit) => this.care.candidates(after, limit))) {
      for (const row of page) {
        const today = localDate(now, row.timezone);
        const lastVisitDate = row.lastVisitAt ? localDate(row.lastVisitAt, row.timezone) : null;
        const plan = planVisit({ ...row, lastVisitDate }, today, this.settings);
        if (plan && (await this.create(row.merchantId, plan, now))) created += 1;
      }
    }
    for (const visit of await this.care.unscheduledVisits(CARE_PAGE)) await this.handOver(visit, {}, now);
    return { created };
  }

  /** Creates a visit (idempotent) and hands it to outreach; false when it already existed. */
  async create(
    merchantId: string,
    plan: PlannedVisit,
    now: Date,
    variables: Record<string, string | number> = {},
  ): Promise<CareVisit | null> {
    const id = visitIdOf(merchantId, plan.kind, plan.cycleKey);
    const sendId = CareOutreach.sendIdOf(`care-visit:${id}`, merchantId);
    const inserted = await this.care.insertVisit(
      { id, merchantId, kind: plan.kind, cycleKey: plan.cycleKey, channel: plan.channel, sendId, dueAt: now },
      now,
    );
    if (!inserted) return null;
    const visit = (await this.care.findVisit(id))!;
    await this.handOver(visit, variables, now);
    this.metrics.visits.inc({ kind: plan.kind, channel: plan.channel });
    return visit;
  }

  private async handOver(
    visit: CareVisit,
    variables: Record<string, string | number>,
    now: Date,
  ): Promise<void> {
    const template = visit.kind === 'survey_follow_up' ? 'care-survey-follow-up' : 'care-return-visit';
    await this.outreach.handOver({
      campaignId: `care-visit:${visit.id}`,
      merchantId: visit.merchantId,
      sourceId: visit.id,
      channel: visit.channel as PlannedVisit['channel'],
      fallbackChannels: visit.channel === 'sms' ? ['email'] : [],
      templateId: template,
      purpose: 'service',
      variables: { visitReason: VISIT_REASON[visit.kind], ...variables },
      at: now,
      validUntil: new Date(now.getTime() + VISIT_VALID_DAYS * 86_400_000),
    });
  }
}
