import type { CampaignStep } from '../outreach/outreach-scheduler';
import { emptyAudience } from './audience.query';
import type { AudienceFilter, CampaignKind } from './campaign';
import type { AudienceFilterDto, CampaignStepDto } from './dto/campaign.dto';

/** A full filter from a (partial) DTO. */
export function toAudience(dto: AudienceFilterDto | undefined): AudienceFilter {
  const base = emptyAudience();
  if (!dto) return base;
  return {
    ...base,
    ...Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)),
  } as AudienceFilter;
}

/** Steps with their index and defaults: fee-change notices are service messages, the rest marketing. */
export function toSteps(dtos: readonly CampaignStepDto[] | undefined, kind: CampaignKind): CampaignStep[] {
  return (dtos ?? []).map((s, index) => ({
    index,
    channel: s.channel,
    fallbackChannels: s.fallbackChannels ?? [],
    delayDays: s.delayDays,
    templateId: s.templateId,
    purpose: s.purpose ?? (kind === 'fee_change_notice' ? 'service' : 'marketing'),
    onlyIfNotReactivated: s.onlyIfNotReactivated ?? kind !== 'fee_change_notice',
    valueTiers: s.valueTiers ?? [],
    ...(s.offer ? { offer: toOffer(s.offer) } : {}),
  }));
}

function toOffer(o: NonNullable<CampaignStepDto['offer']>): NonNullable<CampaignStep['offer']> {
  switch (o.kind) {
    case 'fee_discount':
      return {
        kind: 'fee_discount',
        discountBps: o.discountBps!,
        days: o.days!,
        grantedAtSend: o.grantedAtSend,
      };
    case 'month_waived':
      return { kind: 'month_waived', grantedAtSend: o.grantedAtSend };
    default:
      return { kind: o.kind };
  }
}
