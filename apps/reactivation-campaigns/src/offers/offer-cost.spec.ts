import { STANDARD_FEE_RATES } from '@merchant-pulse/fees';
import {
  checkOfferMargin,
  estimateOfferCostMinor,
  feesOnMix,
  monthlyFeeComparison,
  promotionOf,
} from './offer-cost';

const merchant = {
  channelMix: { credit: 0.5, qr_wechat: 0.5 },
  trailingVolumeMinor: 3_000_000, // ¥30,000 per 30 days
  trailingFeeMinor: 14_700,
};

describe('offer cost', () => {
  it('should price fees on the merchant own channel mix with libs/fees', () => {
    // 1,500,000 × 60 bps = 9,000; 1,500,000 × 38 bps = 5,700.
    expect(feesOnMix(3_000_000, merchant.channelMix, STANDARD_FEE_RATES)).toBe(14_700);
  });

  it('should price an unknown mix as credit', () => {
    expect(feesOnMix(1_000_000, {}, STANDARD_FEE_RATES)).toBe(6_000);
  });

  it('should cost a fee discount as the fees given up over its days', () => {
    // 30 bps off for 15 days: volume 1,500,000 → 750,000 per channel half; 750,000 × 30 bps × 2 = 4,500.
    expect(estimateOfferCostMinor({ kind: 'fee_discount', discountBps: 30, days: 15 }, merchant)).toBe(4_500);
  });

  it('should cost a waived month as a month of fees and a device check as no fee revenue', () => {
    expect(estimateOfferCostMinor({ kind: 'month_waived' }, merchant)).toBe(14_700);
    expect(estimateOfferCostMinor({ kind: 'device_check' }, merchant)).toBe(0);
    expect(promotionOf({ kind: 'month_waived' })).toEqual({ bpsOff: 10_000, days: 30 });
  });

  it('should refuse an offer whose cost exceeds the configured share of trailing fees', () => {
    expect(checkOfferMargin({ kind: 'fee_discount', discountBps: 30, days: 15 }, merchant, 0.5)).toEqual({
      allowed: true,
      estimatedCostMinor: 4_500,
      maxCostMinor: 7_350,
    });
    expect(checkOfferMargin({ kind: 'month_waived' }, merchant, 0.5).allowed).toBe(false);
  });

  it('should compare monthly fees under old and new rates for a fee-change notice', () => {
    const raised = { ...STANDARD_FEE_RATES, creditBps: 65, unionpayQrBps: 65 };
    expect(monthlyFeeComparison(merchant, STANDARD_FEE_RATES, raised)).toEqual({
      oldMonthlyFeeMinor: 14_700,
      newMonthlyFeeMinor: 15_450,
      oldMonthlyFeeYuan: '147.00',
      newMonthlyFeeYuan: '154.50',
    });
  });
});
