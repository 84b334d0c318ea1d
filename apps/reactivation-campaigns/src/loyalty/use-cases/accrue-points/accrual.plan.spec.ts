import { AccrualRule, DayVolumes } from '../../rules/accrual-rules';
import { planAccruals } from './accrual.plan';

const card: AccrualRule = {
  ruleId: 'card-volume',
  version: 1,
  basis: 'card_volume',
  points: 1,
  perMinor: 10_000,
  effectiveFrom: '2020-01-01',
  description: 'card',
};
const days: AccrualRule = { ...card, ruleId: 'trading-day', basis: 'trading_day', perMinor: null };
const snap = (cardNetMinor: number, asOf: string): DayVolumes => ({
  merchantId: 'M1',
  date: '2026-03-01',
  asOf,
  approvedCount: cardNetMinor > 0 ? 1 : 0,
  cardNetMinor,
  qrNetMinor: 0,
});

describe(planAccruals.name, () => {
  it('should post what the day earns per rule version with an expiry date when nothing was posted yet', () => {
    const drafts = planAccruals([snap(55_000, '2026-03-01T10:00:00Z')], [card, days], [], 12);
    expect(drafts.map((d) => [d.ruleId, d.points, d.expiresOn])).toEqual([
      ['card-volume', 5, '2027-03-01'],
      ['trading-day', 1, '2027-03-01'],
    ]);
  });

  it('should post the negative difference when a corrected snapshot lowers the day', () => {
    const posted = [
      { merchantId: 'M1', date: '2026-03-01', ruleId: 'card-volume', ruleVersion: 1, points: 5 },
      { merchantId: 'M1', date: '2026-03-01', ruleId: 'trading-day', ruleVersion: 1, points: 1 },
    ];
    const drafts = planAccruals([snap(20_000, '2026-03-01T12:00:00Z')], [card, days], posted, 12);
    expect(drafts.map((d) => [d.ruleId, d.points])).toEqual([['card-volume', -3]]);
    expect(drafts[0].idempotencyKey).toBe('accrual:M1|2026-03-01|card-volume|1:2026-03-01T12:00:00Z');
  });

  it('should post nothing when the snapshot earns what was already posted', () => {
    const posted = [
      { merchantId: 'M1', date: '2026-03-01', ruleId: 'card-volume', ruleVersion: 1, points: 5 },
    ];
    expect(planAccruals([snap(55_000, '2026-03-01T12:00:00Z')], [card], posted, 12)).toEqual([]);
  });
});
