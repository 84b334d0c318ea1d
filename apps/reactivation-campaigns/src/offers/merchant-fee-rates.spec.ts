import { PerChannelFeeTerms, STANDARD_FEE_RATES } from '@merchant-pulse/fees';
import type { DataSource } from 'typeorm';
import type { MerchantProjectionsRepository } from '../merchants/merchant-projections.repository';
import type { MerchantRegistryClient } from '../registry/merchant-registry.client';
import { MerchantFeeRates } from './merchant-fee-rates';
import { checkOfferMargin, estimateOfferCostMinor } from './offer-cost';

const NOW = new Date('2026-03-02T02:00:00.000Z');
const merchant = {
  channelMix: { credit: 0.5, qr_wechat: 0.5 },
  trailingVolumeMinor: 3_000_000,
  trailingFeeMinor: 14_700,
};
/** A negotiated plan: credit 45 bps, QR 30 bps (standard: 60 / 38). */
const DISCOUNTED: PerChannelFeeTerms = {
  rates: { credit: 45, debit: 40, qr_alipay: 30, qr_wechat: 30, unionpay_qr: 45 },
  debitCapMinor: 2000,
};
const offer = { kind: 'month_waived' as const };

function ratesWith(
  versions: Array<{ planVersion: number; effectiveFrom: string; terms: PerChannelFeeTerms }>,
  registryTerms: PerChannelFeeTerms | null,
): { rates: MerchantFeeRates; registryCalls: () => number } {
  let calls = 0;
  const projections = {
    feePlanVersions: async () => versions.map((v) => ({ ...v, compensation: null })),
  } as unknown as MerchantProjectionsRepository;
  const registry = {
    currentBaseTerms: async () => {
      calls += 1;
      return registryTerms;
    },
  } as unknown as MerchantRegistryClient;
  const dataSource = { manager: {} } as DataSource;
  return { rates: new MerchantFeeRates(projections, dataSource, registry), registryCalls: () => calls };
}

describe(MerchantFeeRates.name, () => {
  it('should price an offer with the merchant own projected plan, giving a discounted merchant a lower expected cost', async () => {
    const { rates, registryCalls } = ratesWith(
      [{ planVersion: 1, effectiveFrom: '2026-01-01T00:00:00.000Z', terms: DISCOUNTED }],
      null,
    );
    const own = await rates.of('M-1', NOW);
    expect(own).toMatchObject({ source: 'projection', rates: { creditBps: 45, qrWechatBps: 30 } });
    expect(registryCalls()).toBe(0);
    const standardCost = estimateOfferCostMinor(offer, merchant, STANDARD_FEE_RATES);
    const ownCost = estimateOfferCostMinor(offer, merchant, own.rates);
    // A waived month of ¥15,000 credit + ¥15,000 WeChat: standard 9,000 + 5,700; own 6,750 + 4,500 fen.
    expect(standardCost).toBe(14_700);
    expect(ownCost).toBe(11_250);
    // With a guardrail of 80% of trailing fees (11,760 fen) only the merchant's own plan lets it through.
    expect(checkOfferMargin(offer, merchant, 0.8, STANDARD_FEE_RATES).allowed).toBe(false);
    expect(checkOfferMargin(offer, merchant, 0.8, own.rates).allowed).toBe(true);
  });

  it('should ask the registry for the current plan when no projected version is in force yet', async () => {
    const { rates, registryCalls } = ratesWith(
      [{ planVersion: 2, effectiveFrom: '2026-06-01T00:00:00.000Z', terms: DISCOUNTED }],
      { ...DISCOUNTED, rates: { ...DISCOUNTED.rates, credit: 50 } },
    );
    expect(await rates.of('M-2', NOW)).toMatchObject({ source: 'registry', rates: { creditBps: 50 } });
    expect(registryCalls()).toBe(1);
  });

  it('should fall back to the standard plan when neither the projection nor the registry knows the merchant', async () => {
    const { rates } = ratesWith([], null);
    expect(await rates.of('M-3', NOW)).toEqual({ rates: STANDARD_FEE_RATES, source: 'standard' });
  });
});
