import { STANDARD_FEE_RATES } from '@merchant-pulse/fees';
import { feeRatesAt, MerchantView } from './merchant-view';

const DAY = 86_400_000;
const credit = (bps: number) => ({ ...STANDARD_FEE_RATES, creditBps: bps });
const view: MerchantView = {
  merchantId: 'm-1',
  timezone: 'Asia/Shanghai',
  currency: 'CNY',
  status: 'active',
  feePlans: [
    { planVersion: 1, feePlanId: 'standard', effectiveFromMs: 0, rates: credit(60) },
    // Numbered before the promotion's legacy restore would have been: rank by date, not number.
    {
      planVersion: 2,
      feePlanId: 'standard-2026',
      effectiveFromMs: 31 * DAY,
      rates: credit(65),
      compensation: { kind: 'month_waived', months: 1 },
    },
  ],
  feePromotions: [{ promotionId: 'p', bpsOff: 20, startsMs: 0, endsMs: 30 * DAY }],
};

describe(feeRatesAt.name, () => {
  it.each([
    [0, 40],
    [29, 40],
    [30, 60],
    [31, 0],
    [58, 0],
    [62, 65],
  ])('should charge the credit rate of the plan in force on day %i (%i bps)', (day, bps) => {
    expect(feeRatesAt(view, day * DAY + 1).creditBps).toBe(bps);
  });

  it('should fall back to the standard plan before the first version when the merchant has no promotions', () => {
    const bare: MerchantView = { ...view, feePlans: [{ ...view.feePlans[0], effectiveFromMs: DAY }] };
    delete bare.feePromotions;
    expect(feeRatesAt(bare, 0)).toEqual(STANDARD_FEE_RATES);
  });
});
