import { campaignResponse, campaignResponseTruth, contactedMerchants } from './campaign-response';

const config = { seed: 7, baseRate: 0.1, lift: 0.15, maxDay: 20, minApproved: 3 };

describe(campaignResponse.name, () => {
  it('should give a contacted winnable merchant exactly the lift over its holdout twin when the draw is shared', () => {
    for (let i = 0; i < 200; i++) {
      const id = `M-${i}`;
      const treated = campaignResponse(config, id, { contacted: true, winnable: true });
      const twin = campaignResponse(config, id, { contacted: false, winnable: true });
      expect(treated.probability - twin.probability).toBeCloseTo(0.15, 12);
      // Whoever comes back uncontacted also comes back contacted (monotone in the probability).
      if (twin.reactivates) expect(treated.reactivates).toBe(true);
      expect(treated.dayOffset).toBe(twin.dayOffset);
    }
  });

  it('should add no lift when the merchant cannot be won back or was not contacted', () => {
    expect(campaignResponse(config, 'M-1', { contacted: true, winnable: false }).probability).toBe(0.1);
    expect(campaignResponse(config, 'M-1', { contacted: false, winnable: true }).probability).toBe(0.1);
  });

  it('should reactivate close to the probability over many merchants', () => {
    const n = 20_000;
    let k = 0;
    for (let i = 0; i < n; i++)
      if (campaignResponse(config, `X-${i}`, { contacted: true, winnable: true }).reactivates) k++;
    // Binomial(20000, 0.25): sd ≈ 61; 5 sd.
    expect(Math.abs(k - 5_000)).toBeLessThan(306);
  });
});

describe(campaignResponseTruth.name, () => {
  it('should scale the expected uplift by the share of treatment merchants contacted and winnable', () => {
    const responses = [
      { ...campaignResponse(config, 'a', { contacted: true, winnable: true }), arm: 'treatment' as const },
      { ...campaignResponse(config, 'b', { contacted: false, winnable: true }), arm: 'treatment' as const },
      { ...campaignResponse(config, 'c', { contacted: false, winnable: true }), arm: 'holdout' as const },
    ];
    const truth = campaignResponseTruth(config, responses);
    expect(truth.expectedUplift).toBeCloseTo(0.075, 12);
    expect(truth.treatment).toMatchObject({ enrolled: 2, contactedWinnable: 1 });
  });
});

describe(contactedMerchants.name, () => {
  it('should keep only OutreachSent of the campaign', () => {
    const set = contactedMerchants(
      [
        { type: 'OutreachSent', merchantId: 'a', payload: { campaignId: 'c1' } },
        { type: 'OutreachFailed', merchantId: 'b', payload: { campaignId: 'c1' } },
        { type: 'OutreachSent', merchantId: 'c', payload: { campaignId: 'c2' } },
      ],
      'c1',
    );
    expect([...set]).toEqual(['a']);
  });
});
