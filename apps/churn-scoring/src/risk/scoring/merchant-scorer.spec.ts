import { aggregateActivity } from '../../activity/activity-windows';
import { addDays, DailyActivity } from '../../activity/daily-activity';
import { PRIOR_PARAMS } from '../../models/population-model';
import { MerchantSignals, NO_SIGNALS } from './merchant-features';
import { scoreMerchant } from './merchant-scorer';
import { DEFAULT_SCORING_POLICY } from './scoring.policy';

const model = { version: 'bgnbd-test.1', params: PRIOR_PARAMS };
const AS_OF = '2026-06-30';

/** Daily activity for `days` days ending `endOffset` days before AS_OF; amount per day by weekday. */
function history(
  days: number,
  endOffset = 0,
  perDay = (i: number) => 10 + (i % 7 === 0 ? 10 : 0),
): DailyActivity[] {
  return Array.from({ length: days }, (_, i) => {
    const count = perDay(i);
    return {
      date: addDays(AS_OF, -endOffset - (days - 1 - i)),
      approvedCount: count,
      declinedCount: 0,
      approvedAmountMinor: count * 5000,
      feeMinor: count * 30,
      cardReadFailureCount: 0,
    };
  });
}

function score(days: DailyActivity[], signals: MerchantSignals = NO_SIGNALS, asOf = AS_OF) {
  const windows = aggregateActivity(days, asOf, DEFAULT_SCORING_POLICY.dormantAfterDays);
  return scoreMerchant({ merchantId: 'm1', windows, signals }, model, DEFAULT_SCORING_POLICY);
}

/** 60 active days, a real `gapDays` silence, then daily activity resumed `resumedDaysAgo` days before AS_OF. */
function withGap(gapDays: number, resumedDaysAgo: number): DailyActivity[] {
  return [...history(60, resumedDaysAgo + 1 + gapDays), ...history(resumedDaysAgo + 1)];
}

describe(scoreMerchant.name, () => {
  it('should score a steady daily merchant low and active with a healthy reason when nothing is wrong', () => {
    const s = score(history(120));
    expect(s.score).toBeLessThan(25);
    expect(s.band).toBe('low');
    expect(s.behaviourTier).toBe('active');
    expect(s.reasons).toHaveLength(1);
    expect(s.reasons[0].code).toBe('healthy');
    expect(s.modelVersion).toBe('bgnbd-test.1');
  });

  it('should explain a volume drop with the percentage against the weekday-aligned baseline when the last 4 weeks fall', () => {
    const s = score(history(120, 0, (i) => (i >= 92 ? 4 : 10)));
    const drop = s.reasons.find((r) => r.code === 'volume_drop');
    expect(drop?.message).toMatch(/Volume −60% vs baseline/);
    expect(drop?.evidence.changePct).toBe(-60);
    expect(s.score).toBeGreaterThanOrEqual(25);
  });

  it('should make a silent merchant at_risk with P(alive) and recency reasons when it stops for 12 days', () => {
    const s = score(history(100, 12));
    expect(s.behaviourTier).toBe('at_risk');
    expect(s.pAlive).toBeLessThan(0.05);
    expect(s.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['low_p_alive', 'no_transactions']));
    expect(s.reasons.find((r) => r.code === 'no_transactions')?.message).toMatch(
      /No approved transaction for 12 days/,
    );
  });

  it('should classify dormant after 30 silent days and churned after 90 when no transaction happens', () => {
    expect(score(history(60, 30)).behaviourTier).toBe('dormant');
    expect(score(history(60, 90)).behaviourTier).toBe('churned');
  });

  it('should mark a merchant reactivated when it resumed 10 days ago after a real 35-day gap', () => {
    const s = score(withGap(35, 10));
    expect(s.behaviourTier).toBe('reactivated');
    expect(s.reactivatedOn).toBe(addDays(AS_OF, -10));
    expect(s.features.resumedAfterDormancyOn).toBe(addDays(AS_OF, -10));
  });

  it('should not mark a merchant reactivated when it resumed 40 days ago, past the reactivation window', () => {
    const s = score(withGap(35, 40));
    expect(s.behaviourTier).not.toBe('reactivated');
    expect(s.reactivatedOn).toBe(addDays(AS_OF, -40));
  });

  it('should end active, not reactivated, when its history arrives in pieces and it traded every day', () => {
    // Day 1 … day 90, as of day 90: first only days 1–20 have arrived (looks dormant), then all of them.
    const full = history(90, 0, () => 10);
    const partial = score(full.slice(0, 20));
    expect(partial.behaviourTier).toBe('dormant');
    const complete = score(full);
    expect(complete.behaviourTier).toBe('active');
    expect(complete.reactivatedOn).toBeNull();
  });

  it('should not treat a new merchant as safe by default when it has no repeat activity', () => {
    const s = score([history(1, 10)[0]]);
    expect(s.pAlive).toBeNull();
    expect(s.reasons[0].code).toBe('new_merchant');
    expect(s.reasons[0].message).toMatch(/too little history for BG\/NBD/);
    expect(s.score).toBeGreaterThanOrEqual(25);
    expect(s.behaviourTier).toBe('potential');
  });

  it('should cite the terminal serial number and the open device ticket when service signals exist', () => {
    const s = score(history(120), {
      status: 'active',
      unhealthyTerminals: [
        {
          terminalId: 'T1',
          serialNumber: 'SN123',
          kind: 'card_read_failures',
          since: '2026-06-25T00:00:00Z',
        },
      ],
      openTickets: [
        { ticketId: 'TK-9', category: 'device_fault', openedAt: '2026-06-26T00:00:00Z', slaBreached: true },
      ],
    });
    const messages = s.reasons.map((r) => r.message).join(' | ');
    expect(messages).toMatch(/Terminal SN123 degraded \(card read failures\) since 2026-06-25/);
    expect(messages).toMatch(/Device ticket TK-9 open since 2026-06-26/);
    expect(s.reasons.map((r) => r.code)).toContain('sla_breached');
  });

  it('should churn a closed merchant with score 100 when the registry closed it', () => {
    const s = score(history(120), { ...NO_SIGNALS, status: 'closed' });
    expect(s.score).toBe(100);
    expect(s.behaviourTier).toBe('churned');
  });

  it('should tier value by trailing 90-day fees when thresholds are crossed', () => {
    expect(score(history(120, 0, () => 120)).valueTier).toBe('high');
    expect(score(history(120, 0, () => 12)).valueTier).toBe('mid');
    expect(score(history(120, 0, () => 1)).valueTier).toBe('low');
  });

  it('should keep a merchant silent for 35 days inside a declared closure out of dormant, with the closure as its first reason', () => {
    const windows = aggregateActivity(history(100, 35), AS_OF, DEFAULT_SCORING_POLICY.dormantAfterDays);
    const input = { merchantId: 'm1', windows, signals: NO_SIGNALS };
    expect(scoreMerchant(input, model, DEFAULT_SCORING_POLICY).behaviourTier).toBe('dormant');
    const closures = [{ startsOn: addDays(AS_OF, -34), endsOn: addDays(AS_OF, 4), reason: 'renovation' }];
    const s = scoreMerchant({ ...input, closures }, model, DEFAULT_SCORING_POLICY);
    expect(s.behaviourTier).toBe('active');
    expect(s.reasons[0].code).toBe('declared_closure');
    // Once the closure (and its 3-day grace) is over, the silence counts again.
    const later = aggregateActivity(
      history(100, 45),
      addDays(AS_OF, 10),
      DEFAULT_SCORING_POLICY.dormantAfterDays,
    );
    const after = scoreMerchant(
      { merchantId: 'm1', windows: later, signals: NO_SIGNALS, closures },
      model,
      DEFAULT_SCORING_POLICY,
    );
    expect(after.behaviourTier).toBe('dormant');
  });

  it('should derive at_risk from pDormant30d when the hazard model gives one, not from the score', () => {
    const windows = aggregateActivity(history(120), AS_OF, DEFAULT_SCORING_POLICY.dormantAfterDays);
    const warning = (p: number) => ({
      pDormant30d: p,
      modelVersion: 'hazard-x',
      reasons: [],
      declaredClosure: null,
      atRisk: p >= 0.3,
    });
    const input = { merchantId: 'm1', windows, signals: NO_SIGNALS };
    expect(
      scoreMerchant({ ...input, earlyWarning: warning(0.31) }, model, DEFAULT_SCORING_POLICY).behaviourTier,
    ).toBe('at_risk');
    expect(
      scoreMerchant({ ...input, earlyWarning: warning(0.29) }, model, DEFAULT_SCORING_POLICY).behaviourTier,
    ).toBe('active');
  });
});
