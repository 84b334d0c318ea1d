// Each rule turns features into a risk component: a probability-like share of churn risk (0–1) with
// the human-readable reason behind it. The score combines the components (see risk-score.calculator).
import { MerchantFeatures } from './merchant-features';
import { ScoringPolicy } from './scoring.policy';

/** A reason with the numbers behind it (the shape of RiskReasonV1). */
export interface RiskReason {
  code: string;
  message: string;
  evidence: Record<string, string | number | boolean | null>;
}

/** One contribution to the score. */
export interface RiskComponent extends RiskReason {
  /** 0–1; components combine as independent risks: 1 − Π(1 − risk). */
  risk: number;
}

const clamp01 = (v: number): number => Math.min(1, Math.max(0, v));
const pct = (fraction: number): string =>
  `${fraction >= 0 ? '+' : '−'}${Math.round(Math.abs(fraction) * 100)}%`;
const DEVICE_CATEGORIES = new Set(['device_fault', 'card_read_failure', 'network']);

/** P(alive) from the population BG/NBD model, for merchants with repeat history. */
export function pAliveComponent(f: MerchantFeatures, pAlive: number | null, model: string): RiskComponent[] {
  if (f.isNew || pAlive === null || f.history === null || 1 - pAlive < 0.05) return [];
  const { x, tx, T } = f.history;
  return [
    {
      code: 'low_p_alive',
      message: `P(alive) ${pAlive.toFixed(2)} (BG/NBD ${model}): ${x + 1} active days, last one ${T - tx} days ago`,
      evidence: { pAlive: Number(pAlive.toFixed(4)), x, tx, T, modelVersion: model },
      risk: 0.9 * (1 - pAlive),
    },
  ];
}

/**
 * Days without an approved transaction: the recency signal the literature finds hard to beat, kept
 * strictly increasing in the days so the score never ranks a longer silence below a shorter one.
 * A silence within the merchant's own rhythm (< 2 typical gaps) counts half.
 */
export function recencyComponent(f: MerchantFeatures, policy: ScoringPolicy): RiskComponent[] {
  const days = f.daysSinceLastApproved;
  if (days === null || f.history === null || f.isNew || days === 0) return [];
  const typicalGap = f.history.x > 0 ? f.history.tx / f.history.x : 1;
  const unusual = days >= Math.max(3, 2 * typicalGap);
  return [
    {
      code: 'no_transactions',
      message: `No approved transaction for ${days} day${days === 1 ? '' : 's'} (usually every ${typicalGap.toFixed(1)} days)`,
      evidence: { daysSinceLastApproved: days, typicalGapDays: Number(typicalGap.toFixed(2)) },
      risk: (unusual ? 0.9 : 0.45) * clamp01(days / policy.dormantAfterDays),
    },
  ];
}

/** A trend break: recent volume against the weekday-aligned baseline. */
export function volumeComponents(f: MerchantFeatures): RiskComponent[] {
  const out: RiskComponent[] = [];
  const weekly = f.baselineWeeklyAmountMinor;
  if (f.volumeChange28 !== null && f.volumeChange28 <= -0.25) {
    out.push({
      code: 'volume_drop',
      message: `Volume ${pct(f.volumeChange28)} vs baseline (last 28 days vs the 8 weeks before, same weekdays)`,
      evidence: {
        changePct: Math.round(f.volumeChange28 * 100),
        last28dAmountMinor: f.d28.amountMinor,
        baseline28dAmountMinor: weekly === null ? null : weekly * 4,
      },
      risk: 0.8 * clamp01((-f.volumeChange28 - 0.15) / 0.85),
    });
  }
  if (f.volumeChange7 !== null && f.volumeChange7 <= -0.4) {
    out.push({
      code: 'weekly_volume_drop',
      message: `Last 7 days' volume ${pct(f.volumeChange7)} vs a typical baseline week`,
      evidence: {
        changePct: Math.round(f.volumeChange7 * 100),
        last7dAmountMinor: f.d7.amountMinor,
        baselineWeekAmountMinor: weekly,
      },
      risk: 0.6 * clamp01((-f.volumeChange7 - 0.3) / 0.7),
    });
  }
  return out;
}

/**
 * New merchants: with no repeat activity P(alive) is 1 by construction, so they are never scored as
 * safe by default — they carry an explicit reason and are judged on recency against the dormancy rule.
 */
export function newMerchantComponent(f: MerchantFeatures, policy: ScoringPolicy): RiskComponent[] {
  if (!f.isNew) return [];
  if (f.history === null) {
    return [
      {
        code: 'no_activity_yet',
        message: 'No approved transaction yet: nothing to score on',
        evidence: { activeDays: 0 },
        risk: 0.3,
      },
    ];
  }
  const days = f.daysSinceLastApproved ?? 0;
  return [
    {
      code: 'new_merchant',
      message: `New merchant (${f.history.x + 1} active days in ${f.ageDays} days): too little history for BG/NBD, scored on recency`,
      evidence: { activeDays: f.history.x + 1, ageDays: f.ageDays, daysSinceLastApproved: days },
      risk: 0.1 + 0.8 * clamp01(days / policy.dormantAfterDays),
    },
  ];
}

/** Terminal health, tickets and SLA breaches. */
export function serviceComponents(f: MerchantFeatures): RiskComponent[] {
  const out: RiskComponent[] = f.signals.unhealthyTerminals.slice(0, 3).map((t) => ({
    code: 'terminal_degraded',
    message: `Terminal ${t.serialNumber ?? t.terminalId} degraded (${t.kind.replace(/_/g, ' ')}) since ${t.since.slice(0, 10)}`,
    evidence: { terminalId: t.terminalId, serialNumber: t.serialNumber, kind: t.kind, since: t.since },
    risk: 0.2,
  }));
  const device = f.signals.openTickets.filter((t) => DEVICE_CATEGORIES.has(t.category));
  if (device.length > 0)
    out.push({
      code: 'device_ticket_open',
      message: `Device ticket ${device[0].ticketId} open since ${device[0].openedAt.slice(0, 10)} (${device[0].category.replace(/_/g, ' ')})`,
      evidence: {
        ticketId: device[0].ticketId,
        category: device[0].category,
        openDeviceTickets: device.length,
      },
      risk: 0.1,
    });
  const breached = f.signals.openTickets.filter((t) => t.slaBreached);
  if (breached.length > 0)
    out.push({
      code: 'sla_breached',
      message: `${breached.length} open ticket(s) past their SLA, e.g. ${breached[0].ticketId}`,
      evidence: { breachedTickets: breached.length, ticketId: breached[0].ticketId },
      risk: 0.15,
    });
  return out;
}

/** Decline and card-read-failure rates over 28 days. */
export function qualityComponents(f: MerchantFeatures): RiskComponent[] {
  const out: RiskComponent[] = [];
  if (f.declineRate28 !== null && f.declineRate28 > 0.15)
    out.push({
      code: 'high_decline_rate',
      message: `${Math.round(f.declineRate28 * 100)}% of transactions declined in the last 28 days`,
      evidence: { declineRate: Number(f.declineRate28.toFixed(4)), declinedCount: f.d28.declinedCount },
      risk: 0.5 * clamp01((f.declineRate28 - 0.1) / 0.5),
    });
  if (f.cardReadFailureRate28 !== null && f.cardReadFailureRate28 > 0.05)
    out.push({
      code: 'card_read_failures',
      message: `${Math.round(f.cardReadFailureRate28 * 100)}% card-read failures in the last 28 days`,
      evidence: {
        cardReadFailureRate: Number(f.cardReadFailureRate28.toFixed(4)),
        failures: f.d28.cardReadFailureCount,
      },
      risk: 0.4 * clamp01((f.cardReadFailureRate28 - 0.03) / 0.3),
    });
  return out;
}

/** Lifecycle status from the registry: a closed merchant has churned, a suspended one is at risk. */
export function statusComponent(f: MerchantFeatures): RiskComponent[] {
  if (f.signals.status === 'closed')
    return [
      {
        code: 'merchant_closed',
        message: 'Merchant account closed',
        evidence: { status: 'closed' },
        risk: 1,
      },
    ];
  if (f.signals.status === 'suspended')
    return [
      {
        code: 'merchant_suspended',
        message: 'Merchant account suspended',
        evidence: { status: 'suspended' },
        risk: 0.5,
      },
    ];
  return [];
}
