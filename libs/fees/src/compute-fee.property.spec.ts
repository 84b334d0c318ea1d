import { computeFeeMinor } from './compute-fee';
import { FEE_CHANNELS, FeeChannel, FeeRates, RATE_FIELD_BY_CHANNEL, STANDARD_FEE_RATES } from './fee-rates';

/** The definition, in BigInt: round half away from zero of |a| × bps / 10000, cap for debit, then the sign. */
function referenceFee(amount: number, channel: FeeChannel, rates: FeeRates): number {
  const magnitude = BigInt(Math.abs(amount));
  const bps = BigInt(rates[RATE_FIELD_BY_CHANNEL[channel]]);
  let fee = (magnitude * bps * 2n + 10_000n) / 20_000n;
  if (channel === 'debit' && fee > BigInt(rates.debitCapMinor)) fee = BigInt(rates.debitCapMinor);
  return amount < 0 && fee !== 0n ? -Number(fee) : Number(fee);
}

/** mulberry32: a small seeded PRNG, so a failure reproduces. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Amounts spread over every magnitude from 0 to MAX_SAFE_INTEGER, both signs. */
function randomAmount(random: () => number): number {
  const digits = 1 + Math.floor(random() * 16);
  const upper = Math.min(10 ** digits, Number.MAX_SAFE_INTEGER);
  const magnitude = Math.floor(random() * upper);
  return random() < 0.2 ? -magnitude : magnitude;
}

function randomRates(random: () => number): FeeRates {
  const bps = (): number => (random() < 0.5 ? Math.floor(random() * 200) : Math.floor(random() * 10_001));
  return {
    creditBps: bps(),
    debitBps: bps(),
    debitCapMinor: Math.floor(random() * 1_000_000),
    qrAlipayBps: bps(),
    qrWechatBps: bps(),
    unionpayQrBps: bps(),
  };
}

describe(`${computeFeeMinor.name} (property)`, () => {
  it('should match the BigInt reference when given 100,000 seeded random amounts, channels and rates', () => {
    const random = seededRandom(20_260_101);
    const mismatches: string[] = [];
    for (let i = 0; i < 100_000; i++) {
      const amount = randomAmount(random);
      const channel = FEE_CHANNELS[Math.floor(random() * FEE_CHANNELS.length)];
      const rates = random() < 0.5 ? STANDARD_FEE_RATES : randomRates(random);
      const actual = computeFeeMinor(amount, channel, rates);
      const expected = referenceFee(amount, channel, rates);
      if (!Object.is(actual, expected)) mismatches.push(`${amount} ${channel} ${JSON.stringify(rates)}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('should be sign-symmetric when given 10,000 seeded random amounts', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 10_000; i++) {
      const amount = Math.abs(randomAmount(random));
      const channel = FEE_CHANNELS[i % FEE_CHANNELS.length];
      const fee = computeFeeMinor(amount, channel, STANDARD_FEE_RATES);
      expect(computeFeeMinor(-amount, channel, STANDARD_FEE_RATES)).toBe(fee === 0 ? 0 : -fee);
    }
  });
});

describe(`${computeFeeMinor.name} (edges of the arithmetic)`, () => {
  it.each([1, 38, 50, 60, 9_999, 10_000])(
    'should match the BigInt reference when the product crosses 2^49 at %i bps',
    (bps) => {
      const rates: FeeRates = { ...STANDARD_FEE_RATES, creditBps: bps };
      const pivot = Math.floor(2 ** 49 / bps);
      for (let amount = pivot - 200; amount <= pivot + 200; amount++) {
        expect(computeFeeMinor(amount, 'credit', rates)).toBe(referenceFee(amount, 'credit', rates));
      }
    },
  );

  it.each([1, 38, 60, 7_777, 10_000])(
    'should match the BigInt reference when the amount is near MAX_SAFE_INTEGER at %i bps',
    (bps) => {
      const rates: FeeRates = { ...STANDARD_FEE_RATES, creditBps: bps };
      for (let offset = 0; offset < 2000; offset++) {
        const amount = Number.MAX_SAFE_INTEGER - offset;
        expect(computeFeeMinor(-amount, 'credit', rates)).toBe(referenceFee(-amount, 'credit', rates));
      }
    },
  );
});
