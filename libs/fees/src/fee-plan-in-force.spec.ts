import fc from 'fast-check';
import {
  addUtcMonths,
  feePlanAt,
  feePlanPeriods,
  FeePlanVersionTerms,
  FeePromotionWindow,
  WAIVED_FEE_RATES,
} from './fee-plan-in-force';
import { FeeRates, STANDARD_FEE_RATES } from './fee-rates';

const DAY = 86_400_000;
const DAY0 = Date.parse('2026-03-01T02:00:00.000Z');
const day = (n: number): number => DAY0 + n * DAY;
const credit = (bps: number): FeeRates => ({ ...STANDARD_FEE_RATES, creditBps: bps, unionpayQrBps: bps });

const base60: FeePlanVersionTerms = { planVersion: 1, effectiveFromMs: day(0), rates: credit(60) };
/** Announced on day 0 for day 31, with one month waived. */
const increase65: FeePlanVersionTerms = {
  planVersion: 2,
  effectiveFromMs: day(31),
  rates: credit(65),
  compensation: { kind: 'month_waived', months: 1 },
};
/** 60 → 40 bps for 30 days, granted on day 0 after the increase was announced. */
const promotion: FeePromotionWindow = { bpsOff: 20, startsMs: day(0), endsMs: day(30) };
const schedule = { versions: [base60, increase65], promotions: [promotion] };

describe(feePlanAt.name, () => {
  // [day, hour offset, list credit bps, charged credit bps, version in force, promotion applies]
  const table: Array<[number, number, number, number, number, boolean]> = [
    [0, 0, 40, 40, 1, true],
    [1, 0, 40, 40, 1, true],
    [15, 0, 40, 40, 1, true],
    [29, 23, 40, 40, 1, true],
    [30, 0, 60, 60, 1, false], // the promotion ends by itself: back to the base
    [30, 23, 60, 60, 1, false],
    [31, 0, 65, 0, 2, false], // the increase takes effect; its first month is waived
    [45, 0, 65, 0, 2, false],
    [60, 23, 65, 0, 2, false],
    [61, 0, 65, 65, 2, false], // 2026-05-01T02:00Z: one calendar month after 2026-04-01T02:00Z
    [90, 0, 65, 65, 2, false],
  ];
  it.each(table)(
    'should give the terms in force on day %i (+%ih) of base 60 → promotion 40 for 30 days → increase to 65 on day 31 with a month waived',
    (n, hours, listBps, chargedBps, planVersion, promoted) => {
      const at = feePlanAt(schedule, day(n) + hours * 3_600_000);
      expect(at.rates.creditBps).toBe(listBps);
      expect(at.chargedRates.creditBps).toBe(chargedBps);
      expect(at.version?.planVersion).toBe(planVersion);
      expect(at.promotion).toBe(promoted ? promotion : null);
      expect(at.waivedUntilMs).toBe(chargedBps === 0 ? Date.parse('2026-05-01T02:00:00.000Z') : null);
    },
  );

  it('should rank versions by effective date, not by version number, when a later-numbered version takes effect earlier', () => {
    // What the registry used to write when the promotion expired: v3 = the old base again, effective day 30.
    const restored = { planVersion: 3, effectiveFromMs: day(30), rates: credit(60) };
    const at = feePlanAt({ versions: [restored, increase65, base60], promotions: [] }, day(31));
    expect(at.version).toBe(increase65);
    expect(at.rates.creditBps).toBe(65);
  });

  it('should keep discounting the new base when an increase takes effect while a promotion still runs', () => {
    const long = { bpsOff: 20, startsMs: day(0), endsMs: day(60) };
    const noWaiver = { ...increase65, compensation: null };
    const plan = { versions: [base60, noWaiver], promotions: [long] };
    expect(feePlanAt(plan, day(30)).rates.creditBps).toBe(40);
    expect(feePlanAt(plan, day(31)).rates.creditBps).toBe(45);
    expect(feePlanAt(plan, day(59)).chargedRates.creditBps).toBe(45);
    expect(feePlanAt(plan, day(60)).chargedRates.creditBps).toBe(65);
  });

  it('should waive every channel, debit cap included, while the compensation window covers the instant', () => {
    expect(feePlanAt(schedule, day(40)).chargedRates).toEqual(WAIVED_FEE_RATES);
  });

  it('should not waive fees when the compensation is a rebate', () => {
    const rebate = { ...increase65, compensation: { kind: 'rebate' as const, amountMinor: 5000 } };
    const at = feePlanAt({ versions: [base60, rebate], promotions: [] }, day(31));
    expect(at.waivedUntilMs).toBeNull();
    expect(at.chargedRates.creditBps).toBe(65);
  });

  it('should end the waiver early when a later version supersedes the compensated one', () => {
    const decrease = { planVersion: 3, effectiveFromMs: day(40), rates: credit(62) };
    const at = feePlanAt({ versions: [base60, increase65, decrease], promotions: [] }, day(41));
    expect(at.version).toBe(decrease);
    expect(at.chargedRates.creditBps).toBe(62);
  });

  it('should apply the standard plan when no version is in force yet', () => {
    const at = feePlanAt(schedule, day(-1));
    expect(at.version).toBeNull();
    expect(at.rates).toEqual(STANDARD_FEE_RATES);
  });

  it('should apply the promotion that started last when promotions overlap', () => {
    const first = { bpsOff: 10, startsMs: day(0), endsMs: day(20) };
    const second = { bpsOff: 5, startsMs: day(5), endsMs: day(10) };
    const plan = { versions: [base60], promotions: [second, first] };
    expect(feePlanAt(plan, day(6)).promotion).toBe(second);
    expect(feePlanAt(plan, day(12)).promotion).toBe(first);
  });

  it('should prefer the higher version number when two versions share an effective date', () => {
    const twin = { planVersion: 5, effectiveFromMs: day(0), rates: credit(55) };
    expect(feePlanAt({ versions: [twin, base60], promotions: [] }, day(1)).version).toBe(twin);
  });
});

describe(feePlanPeriods.name, () => {
  it('should order versions by effective date and cut the waiver at the period end', () => {
    const decrease = { planVersion: 3, effectiveFromMs: day(40), rates: credit(62) };
    const periods = feePlanPeriods([decrease, increase65, base60]);
    expect(periods.map((p) => [p.version.planVersion, p.effectiveUntilMs, p.feesWaivedUntilMs])).toEqual([
      [1, day(31), null],
      [2, day(40), day(40)],
      [3, null, null],
    ]);
  });

  it('should agree with feePlanAt at every instant when given random schedules', () => {
    const version = fc.record({
      planVersion: fc.integer({ min: 1, max: 20 }),
      effectiveFromMs: fc.integer({ min: 0, max: 100 }).map(day),
      rates: fc.integer({ min: 0, max: 100 }).map(credit),
      compensation: fc.option(fc.constant({ kind: 'month_waived' as const, months: 1 }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(version, { maxLength: 6 }), fc.integer({ min: -5, max: 200 }), (versions, n) => {
        const t = day(n);
        const period = feePlanPeriods(versions).find(
          (p) => p.version.effectiveFromMs <= t && (p.effectiveUntilMs === null || t < p.effectiveUntilMs),
        );
        const at = feePlanAt({ versions, promotions: [] }, t);
        expect(at.version?.rates ?? null).toEqual(period?.version.rates ?? null);
        const waived = period?.feesWaivedUntilMs != null && t < period.feesWaivedUntilMs;
        expect(at.chargedRates === WAIVED_FEE_RATES).toBe(waived);
      }),
    );
  });
});

describe(addUtcMonths.name, () => {
  it.each([
    ['2026-04-01T02:00:00.000Z', 1, '2026-05-01T02:00:00.000Z'],
    ['2026-01-31T16:00:00.000Z', 1, '2026-02-28T16:00:00.000Z'],
    ['2028-01-31T00:00:00.000Z', 1, '2028-02-29T00:00:00.000Z'],
    ['2026-11-15T00:00:00.000Z', 3, '2027-02-15T00:00:00.000Z'],
  ])('should add calendar months when given %s + %i', (from, months, expected) => {
    expect(new Date(addUtcMonths(Date.parse(from), months)).toISOString()).toBe(expected);
  });
});
