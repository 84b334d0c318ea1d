import { RawTransactionV1, Topics } from '@merchant-pulse/contracts';
import { CompressionTypes, Kafka, Partitioners, Producer } from 'kafkajs';
import {
  feePlanChanged,
  merchantRegistered,
  rawTx,
} from '../../../apps/transaction-ingestion/test/ingestion.fixtures';
import { sleep } from '../servers/process-image';

/** One message of the load, on a logical topic (the prefix is added when sending). */
export interface LoadMessage {
  topic: string;
  key: string;
  value: string;
}

/** What a scenario sends and what the ledger must show afterwards. */
export interface LoadPlan {
  merchants: string[];
  /** Unique valid transactions: the ledger must accept exactly these (count, amount, fee). */
  good: RawTransactionV1[];
  /** Everything sent on the raw topic, in order (good, re-deliveries, hostile). */
  messages: LoadMessage[];
}

/** The fee plan the scenarios register: 38 bps on QR, rounded half away from zero per transaction. */
export const QR_BPS = 38;
export const feeOf = (amountMinor: number) => Math.floor((amountMinor * QR_BPS + 5_000) / 10_000);
/** A settled day inside the retention window, so every transaction lands in a monthly partition. */
export const BUSINESS_DAY = '2025-09-01T03:00:00.000Z';

/** MerchantRegistered + FeePlanChanged for each merchant (what the registry would publish). */
export function lifecycleMessages(merchants: string[]): LoadMessage[] {
  return merchants
    .flatMap((m) => [merchantRegistered(m), feePlanChanged(m, QR_BPS)])
    .map((e) => ({ topic: Topics.MerchantLifecycle, key: e.merchantId, value: JSON.stringify(e) }));
}

/** `events` valid QR purchases over `merchantCount` merchants, every `duplicateEvery`-th re-delivered. */
export function planLoad(label: string, events: number, merchantCount = 20, duplicateEvery = 40): LoadPlan {
  const merchants = Array.from({ length: merchantCount }, (_, i) => `${label}-m${i}`);
  const good: RawTransactionV1[] = [];
  const messages: LoadMessage[] = [];
  for (let i = 0; i < events; i++) {
    const tx = rawTx({
      transactionId: `${label}-tx-${i}`,
      merchantId: merchants[i % merchantCount],
      terminalId: `${label}-T${i % 37}`,
      amountMinor: 1_000 + ((i * 7_919) % 99_000),
      occurredAt: BUSINESS_DAY,
    });
    good.push(tx);
    messages.push(rawMessage(tx));
    if (i % duplicateEvery === duplicateEvery - 1) messages.push(rawMessage(good[i - duplicateEvery + 1]));
  }
  return { merchants, good, messages };
}

export function rawMessage(tx: RawTransactionV1): LoadMessage {
  return { topic: Topics.AcquirerTransactions, key: tx.merchantId, value: JSON.stringify(tx) };
}

export function expectedTotals(good: readonly RawTransactionV1[]) {
  return {
    n: good.length,
    amount: good.reduce((s, t) => s + t.amountMinor, 0),
    fee: good.reduce((s, t) => s + feeOf(t.amountMinor), 0),
  };
}

/**
 * Produces a load at a steady rate (slices every 100 ms) the way a persistent acquirer would: a
 * send that fails (broker down) is retried until it lands, then the backlog goes out as fast as the
 * broker takes it. A retried send may land twice; ingestion must count that as a duplicate.
 */
export class SteadyProducer {
  failedSends = 0;
  sent = 0;
  private producer?: Producer;
  private aborted = false;
  private running?: Promise<void>;

  constructor(
    private readonly kafka: Kafka,
    private readonly prefix: string,
  ) {}

  run(messages: readonly LoadMessage[], perSecond: number, giveUpMs = 300_000): Promise<void> {
    this.running = this.produce(messages, perSecond, giveUpMs);
    return this.running;
  }

  /** Stops a load still running (a scenario that failed half-way) and waits until it has. */
  async stop(): Promise<void> {
    this.aborted = true;
    await this.running?.catch(() => undefined);
  }

  private async produce(messages: readonly LoadMessage[], perSecond: number, giveUpMs: number) {
    this.producer = this.kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
      retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2_000 },
    });
    const slice = Math.max(1, Math.round(perSecond / 10));
    const start = Date.now();
    try {
      for (let i = 0, tick = 0; i < messages.length && !this.aborted; i += slice, tick++) {
        const due = start + tick * 100;
        if (due > Date.now()) await sleep(due - Date.now());
        await this.sendUntilLanded(messages.slice(i, i + slice), start + giveUpMs);
      }
    } finally {
      await this.producer.disconnect().catch(() => undefined);
    }
  }

  private async sendUntilLanded(batch: readonly LoadMessage[], deadline: number): Promise<void> {
    for (;;) {
      try {
        await this.producer!.connect();
        // Large messages alone: the broker limits a partition's record batch to ~1 MB.
        const groups = batch.some((m) => m.value.length > 100_000) ? batch.map((m) => [m]) : [batch];
        for (const group of groups) await this.sendGroup(group);
        this.sent += batch.length;
        return;
      } catch (error) {
        this.failedSends += 1;
        if (this.failedSends === 1 || this.failedSends % 20 === 0)
          process.stdout.write(
            `[faults] load producer: send failed (${this.failedSends}): ${(error as Error).message}\n`,
          );
        if (Date.now() > deadline || this.aborted)
          throw new Error(`load producer gave up: ${(error as Error).message}`);
        await sleep(500);
      }
    }
  }

  private async sendGroup(group: readonly LoadMessage[]): Promise<void> {
    const byTopic = new Map<string, LoadMessage[]>();
    for (const m of group) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
    await this.producer!.sendBatch({
      acks: -1,
      compression: CompressionTypes.None,
      topicMessages: [...byTopic].map(([topic, ms]) => ({
        topic: this.prefix + topic,
        messages: ms.map((m) => ({ key: m.key, value: m.value })),
      })),
    });
  }
}
