import { parseRawTransaction } from '@merchant-pulse/contracts';
import { expectedTotals, feeOf, planLoad } from './fault-load';
import { eventsFor, faultSize } from './fault.size';

describe('planLoad', () => {
  it('should plan unique valid transactions plus every 40th re-delivered', () => {
    const plan = planLoad('p', 400, 7);

    expect(plan.good).toHaveLength(400);
    expect(new Set(plan.good.map((t) => t.transactionId)).size).toBe(400);
    expect(plan.messages).toHaveLength(410);
    expect(plan.messages.every((m) => parseRawTransaction(m.value).ok)).toBe(true);
    expect(new Set(plan.good.map((t) => t.merchantId)).size).toBe(7);
  });

  it('should total count, amount and the 38 bps fee rounded half away from zero per transaction', () => {
    const plan = planLoad('q', 3);

    expect(expectedTotals(plan.good)).toEqual({
      n: 3,
      amount: plan.good.reduce((s, t) => s + t.amountMinor, 0),
      fee: plan.good.reduce((s, t) => s + feeOf(t.amountMinor), 0),
    });
    expect([feeOf(1_000), feeOf(1_316), feeOf(1_315)]).toEqual([4, 5, 5]);
  });
});

describe('eventsFor', () => {
  it('should size the load to cover lead, fault and tail at the rate', () => {
    expect(eventsFor(5_000)).toBe(((faultSize.leadMs + 5_000 + faultSize.tailMs) / 1_000) * faultSize.rate);
  });
});
