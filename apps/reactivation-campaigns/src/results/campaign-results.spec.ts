import { campaignResults } from './campaign-results';

describe(campaignResults.name, () => {
  const totals = {
    treatment: {
      enrolled: 90,
      converted: 27,
      windowFeeMinor: 9_000,
      windowVolumeMinor: 1_800_000,
      baselineVolumeMinor: 1_200_000,
    },
    holdout: {
      enrolled: 10,
      converted: 1,
      windowFeeMinor: 500,
      windowVolumeMinor: 100_000,
      baselineVolumeMinor: 0,
    },
  };
  const funnel = {
    contacted: 85,
    delivered: 80,
    failed: 5,
    skippedByReason: { no_consent: 5 },
    sendsByChannel: { sms: 85 },
    offersAccepted: 4,
    offerCostMinor: 1_200,
  };

  it('should net the offer cost out of the fees earned beyond the holdout’s rate when both arms have merchants', () => {
    // Treatment 100 fen per merchant, holdout 50: 50 × 90 = 4500 − 1200 offer cost = 3300.
    const r = campaignResults('c', totals, funnel);
    expect(r.incrementalFeeMinor).toBe(3_300);
    expect(r.arms.treatment.conversionRate).toBeCloseTo(0.3, 12);
    expect(r.arms.holdout.conversionRate).toBeCloseTo(0.1, 12);
    expect(r.uplift.difference).toBeCloseTo(0.2, 12);
    expect(r.activationSuccessRate).toBeCloseTo(0.3, 12);
    // (1.8M − 1.2M) / 1.2M = 0.5; no baseline → null.
    expect(r.arms.treatment.usageGrowth).toBeCloseTo(0.5, 12);
    expect(r.arms.holdout.usageGrowth).toBeNull();
    expect(r.funnel).toMatchObject({ contacted: 85, skippedByReason: { no_consent: 5 }, wired: true });
  });

  it('should report zeros and say so when outreach is not wired', () => {
    const r = campaignResults('c', totals, null);
    expect(r.funnel).toMatchObject({ contacted: 0, wired: false });
    expect(r.incrementalFeeMinor).toBe(4_500);
  });
});
