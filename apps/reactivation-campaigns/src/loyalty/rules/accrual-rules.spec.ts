import { createEvent } from '@merchant-pulse/contracts';
import { AccrualRule, addMonths, dayVolumes, expiringPoints, pointsFor, rulesInForce } from './accrual-rules';

const zero = { count: 0, amountMinor: 0, feeMinor: 0 };
const day = (card: number, qr: number, refund = 0, reversal = 0) =>
  createEvent('MerchantDailyActivity', {
    merchantId: 'M1',
    producer: 'transaction-ingestion',
    occurredAt: '2026-03-02T00:00:00.000Z',
    payload: {
      date: '2026-03-01',
      timezone: 'Asia/Shanghai',
      currency: 'CNY',
      approvedCount: card + qr > 0 ? 3 : 0,
      declinedCount: 0,
      approvedAmountMinor: card + qr,
      refundCount: refund > 0 ? 1 : 0,
      refundAmountMinor: refund,
      reversalCount: reversal > 0 ? 1 : 0,
      reversalAmountMinor: reversal,
      netAmountMinor: card + qr - refund - reversal,
      feeMinor: 0,
      byChannel: {
        credit: { count: 1, amountMinor: card, feeMinor: 0 },
        debit: zero,
        qr_alipay: { count: 1, amountMinor: qr, feeMinor: 0 },
        qr_wechat: zero,
        unionpay_qr: zero,
      },
      cardReadFailureCount: 0,
      hourlyApprovedCounts: Array(24).fill(0),
      activeTerminalCount: 1,
      asOf: '2026-03-02T00:00:00.000Z',
    },
  });

const rule = (over: Partial<AccrualRule>): AccrualRule => ({
  ruleId: 'card-volume',
  version: 1,
  basis: 'card_volume',
  points: 1,
  perMinor: 10_000,
  effectiveFrom: '2020-01-01',
  description: 'x',
  ...over,
});

describe('accrual rules', () => {
  it('should share refunds and reversals between card and QR by the gross mix when computing net volume', () => {
    const v = dayVolumes(day(30_000, 10_000, 4_000, 0));
    expect(v.cardNetMinor).toBe(27_000);
    expect(v.qrNetMinor).toBe(9_000);
  });

  it('should charge refunds to card and go negative when the day has no purchases', () => {
    const v = dayVolumes(day(0, 0, 25_000, 0));
    expect(v.cardNetMinor).toBe(-25_000);
    expect(pointsFor(rule({}), v)).toBe(-2);
  });

  it('should give whole units only, truncated toward zero, when volume is not a multiple of the unit', () => {
    expect(pointsFor(rule({ points: 3 }), dayVolumes(day(29_999, 0)))).toBe(6);
  });

  it('should give the trading-day points only when the day had an approved purchase', () => {
    const r = rule({ ruleId: 'trading-day', basis: 'trading_day', perMinor: null, points: 2 });
    expect(pointsFor(r, dayVolumes(day(100, 0)))).toBe(2);
    expect(pointsFor(r, dayVolumes(day(0, 0, 100)))).toBe(0);
  });

  it('should pick the latest version effective on or before the date when a rule has several', () => {
    const rules = [rule({}), rule({ version: 2, points: 2, effectiveFrom: '2026-04-01' })];
    expect(rulesInForce(rules, '2026-03-31').map((r) => r.version)).toEqual([1]);
    expect(rulesInForce(rules, '2026-04-01').map((r) => r.version)).toEqual([2]);
  });

  it('should clamp to the end of the month when adding months', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-03-15', 12)).toBe('2027-03-15');
  });

  it('should expire only what debits have not consumed when lots reach their date (FIFO)', () => {
    expect(expiringPoints(100, 30)).toBe(70);
    expect(expiringPoints(100, 130)).toBe(0);
  });
});
