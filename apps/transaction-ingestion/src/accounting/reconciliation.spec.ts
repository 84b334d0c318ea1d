import { summariseLedger } from './reconciliation';

const line = (outcome: string, reason: string, count: number, amountMinor = 0) => ({
  outcome,
  reason,
  count,
  amountMinor,
  feeMinor: 0,
});

describe(summariseLedger.name, () => {
  it('should keep a re-drive accepted on its original day out of received and out of the rejects by reason', () => {
    const r = summariseLedger('acq-1', '2026-03-01', [
      line('accepted', 'purchase.approved', 2, 14_200),
      line('rejected', 'unknown_merchant', 0, 0),
      line('rejected', 'schema_violation', 1),
      line('redriven', 'unknown_merchant:accepted', 1, 4_200),
    ]);
    expect(r).toMatchObject({
      received: 3,
      accepted: { count: 2 },
      rejected: { count: 1, byReason: { schema_violation: 1 } },
      redriven: { count: 1, byReason: { unknown_merchant: 1 }, byOutcome: { accepted: 1 } },
      balanced: true,
    });
  });

  it('should sum re-drives by original reason and by outcome, whatever else the day holds', () => {
    const r = summariseLedger('acq-1', '2026-03-01', [
      line('rejected', 'schema_violation', 2),
      line('redriven', 'schema_violation:rejected', 2),
      line('redriven', 'unknown_original:parked', 1),
      line('parked', '', 1),
    ]);
    expect(r.received).toBe(3);
    expect(r.redriven).toEqual({
      count: 3,
      byReason: { schema_violation: 2, unknown_original: 1 },
      byOutcome: { rejected: 2, parked: 1 },
    });
  });
});
