import type { MerchantRegistryClient, RegistryPromotion } from '../../registry/merchant-registry.client';

/**
 * A redemption's fee relief through the registry's fee-promotion API. Unlike an offer (which records a
 * conflict as its own outcome), a redemption is refused on a 409 (e.g. `promotion_active`: the merchant
 * already has one): it becomes a `RegistryRejectedError` with the registry's code and message, so
 * the saga returns the points. An unavailable registry's error propagates (the reconciler settles later).
 */
export async function grantFeeRelief(
  registry: MerchantRegistryClient,
  merchantId: string,
  relief: { bpsOff: number; days: number },
  options: { reason: string },
): Promise<RegistryPromotion> {
  const granted = await registry.grantPromotion(merchantId, {
    bpsOff: relief.bpsOff,
    days: relief.days,
    reason: options.reason,
  });
  if ('conflict' in granted) throw granted.rejection;
  return granted.promotion;
}
