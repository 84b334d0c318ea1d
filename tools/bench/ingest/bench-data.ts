import { createEvent, RawTransactionV1 } from '@merchant-pulse/contracts';

/** What the bench produced, for the exactness check. */
export interface BenchExpectation {
  received: number;
  accepted: number;
  duplicate: number;
  rejected: number;
  acceptedAmountMinor: number;
}

const CHANNELS = ['credit', 'debit', 'qr_alipay', 'qr_wechat', 'unionpay_qr'] as const;

/** Deterministic pseudo-random generator (LCG), so every run offers the same traffic. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 4_294_967_296;
  };
}

export const merchantId = (i: number): string => `bm-${i}`;

/** MerchantRegistered + FeePlanChanged for every bench merchant. */
export function lifecycleEvents(merchants: number): Array<{ key: string; value: string }> {
  const out: Array<{ key: string; value: string }> = [];
  for (let i = 0; i < merchants; i++) {
    const id = merchantId(i);
    const registered = createEvent('MerchantRegistered', {
      merchantId: id,
      producer: 'bench',
      payload: {
        legalName: `Bench ${i}`,
        displayName: `Bench ${i}`,
        mcc: '5812',
        timezone: 'Asia/Shanghai',
        contactConsent: { sms: false, email: false, phoneTask: false },
        kind: 'business',
        status: 'active',
        registeredAt: '2025-01-01T00:00:00.000Z',
      },
    });
    const plan = createEvent('FeePlanChanged', {
      merchantId: id,
      producer: 'bench',
      payload: {
        feePlanId: 'standard',
        planVersion: 1,
        terms: {
          rates: { credit: 60, debit: 50, qr_alipay: 38, qr_wechat: 38, unionpay_qr: 60 },
          debitCapMinor: 2500,
        },
        effectiveFrom: '2020-01-01T00:00:00.000Z',
      },
    });
    out.push({ key: id, value: JSON.stringify(registered) }, { key: id, value: JSON.stringify(plan) });
  }
  return out;
}

/**
 * `events` raw messages over `merchants` merchants: 1% exact re-deliveries of earlier messages,
 * 0.5% invalid (half schema violations, half non-positive purchases), the rest valid purchases
 * dated within the last two hours.
 */
export function rawEvents(
  events: number,
  merchants: number,
  acquirerId: string,
  seed = 42,
): { messages: Array<{ key: string; value: string }>; expected: BenchExpectation } {
  const random = rng(seed);
  const messages: Array<{ key: string; value: string }> = [];
  const expected: BenchExpectation = {
    received: events,
    accepted: 0,
    duplicate: 0,
    rejected: 0,
    acceptedAmountMinor: 0,
  };
  const now = Date.now();
  const invalid: boolean[] = [];
  for (let i = 0; i < events; i++) {
    const roll = random();
    if (roll < 0.01 && messages.length > 0) {
      // A re-delivered invalid message is rejected again (only accepted identities are remembered).
      const copy = Math.floor(random() * messages.length);
      messages.push(messages[copy]);
      invalid.push(invalid[copy]);
      if (invalid[copy]) expected.rejected += 1;
      else expected.duplicate += 1;
      continue;
    }
    const m = Math.floor(random() * merchants);
    const tx = transaction(
      acquirerId,
      i,
      m,
      now - Math.floor(random() * 7_200_000),
      100 + Math.floor(random() * 50_000),
      random,
    );
    invalid.push(roll < 0.015);
    if (roll < 0.0125) {
      (tx as unknown as Record<string, unknown>).channel = 'cash';
      expected.rejected += 1;
    } else if (roll < 0.015) {
      tx.amountMinor = 0;
      expected.rejected += 1;
    } else {
      expected.accepted += 1;
      expected.acceptedAmountMinor += tx.amountMinor;
    }
    messages.push({ key: tx.merchantId, value: JSON.stringify(tx) });
  }
  return { messages, expected };
}

export function transaction(
  acquirerId: string,
  i: number,
  m: number,
  atMs: number,
  amount: number,
  random: () => number,
): RawTransactionV1 {
  const channel = CHANNELS[Math.floor(random() * CHANNELS.length)];
  return {
    acquirerId,
    transactionId: `${acquirerId}-${i}`,
    merchantId: merchantId(m),
    terminalId: `bt-${m}-${Math.floor(random() * 2)}`,
    occurredAt: new Date(atMs).toISOString(),
    amountMinor: amount,
    currency: 'CNY',
    channel,
    type: 'purchase',
    status: 'approved',
    responseCode: '00',
    entryMode: channel.startsWith('qr') || channel === 'unionpay_qr' ? 'qr' : 'chip',
  };
}
