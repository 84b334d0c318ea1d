import type { LoyaltyRewardKind } from '@merchant-pulse/contracts';

/** One thing points can buy. */
export interface CatalogueItem {
  id: string;
  kind: LoyaltyRewardKind;
  points: number;
  title: string;
  /** For `fee_relief`: the registry promotion it becomes. */
  feeRelief?: { bpsOff: number; days: number };
}

/**
 * The rewards catalogue (seeds: fee discounts, a month waived, a free device check/upgrade, small
 * goods). Fee relief becomes a temporary promotion in the registry; a device check is published as
 * LoyaltyRewardRedeemed for after-sales-tickets to open a ticket; goods are fulfilled out of band.
 */
export const REWARD_CATALOGUE: readonly CatalogueItem[] = [
  {
    id: 'fee-relief-10bps-30d',
    kind: 'fee_relief',
    points: 2_000,
    title: '10 bps off every rate for 30 days',
    feeRelief: { bpsOff: 10, days: 30 },
  },
  {
    id: 'fee-relief-month-waived',
    kind: 'fee_relief',
    points: 15_000,
    title: 'Fees waived for 30 days',
    feeRelief: { bpsOff: 10_000, days: 30 },
  },
  { id: 'device-check', kind: 'device_check', points: 500, title: 'Free on-site device check or upgrade' },
  { id: 'thermal-paper-24', kind: 'catalogue_item', points: 300, title: '24 rolls of thermal receipt paper' },
];

export function catalogueItem(id: string): CatalogueItem | undefined {
  return REWARD_CATALOGUE.find((item) => item.id === id);
}
