import { CHANNELS } from '@merchant-pulse/contracts';
import type { Channel, EntryMode, TransactionStatus, TransactionType } from '@merchant-pulse/contracts';
import { MalformedReason, malformedMessage } from './malformed.messages';
import {
  APPROVED_RESPONSE_CODE,
  BASELINE_CARD_READ_FAILURE_RATE,
  CARD_ENTRY_CUMULATIVE,
  CARD_ENTRY_MODES,
  CARD_READ_FAILURE_RESPONSE_CODE,
  HOURLY_CUMULATIVE,
  ISSUER_DECLINE_CODES,
  WEEKDAY_FACTOR,
} from './rhythm.profiles';
import { Rng, cumulativeOf, pickCumulative } from './rng';
import { simDay, SimDay } from './sim-calendar';
import type { SimMerchant, SimTerminal, World } from './world.types';

/** A valid raw transaction as generated, with the fields the ground truth needs. */
export interface SimTransaction {
  transactionId: string;
  terminalId: string;
  occurredAtMs: number;
  amountMinor: number;
  channel: Channel;
  type: TransactionType;
  status: TransactionStatus;
  responseCode: string;
  entryMode: EntryMode;
  originalTransactionId?: string;
}

/** One message to deliver: the exact bytes (as text), its key and what it is. */
export interface SimMessage {
  /** Kafka key: the merchantId. */
  key: string;
  /** The message body exactly as delivered (a duplicate carries the very same string). */
  value: string;
  /** Day offset from the run's start. */
  day: number;
  merchantIndex: number;
  kind: 'event' | 'duplicate' | 'malformed';
  /** Present on events and duplicates. */
  tx?: SimTransaction;
  /** Present on malformed messages: the dead-letter reason ingestion should give. */
  malformedReason?: MalformedReason;
}

/** Options of {@link simulateStream}. */
export interface StreamOptions {
  /** First simulated local date, `YYYY-MM-DD`. */
  start: string;
  days: number;
  /** False for the REST gateway, whose JSON body cannot carry a broken JSON item. */
  allowMalformedJson?: boolean;
}

/** Seeds the per-merchant-day random streams (any constant; changing it changes every world's traffic). */
const TRAFFIC_STREAM = 0x7a11c0de;
const CARD_CHANNELS = new Set<Channel>(['credit', 'debit']);

/**
 * The world's traffic, day by day and merchant by merchant, generated lazily: memory stays at one
 * merchant-day whatever the span. Each merchant-day draws from its own seeded stream, so the
 * output is the same for the same world and start date.
 */
export function* simulateStream(world: World, options: StreamOptions): Generator<SimMessage> {
  for (let day = 0; day < options.days; day++) {
    const calendar = simDay(options.start, day);
    for (const merchant of world.merchants) yield* merchantDayMessages(world, merchant, calendar, options);
  }
}

/**
 * The valid transactions of one merchant on one day exactly as {@link merchantDayMessages} delivers
 * them, without encoding messages (for in-process evaluations that need the traffic, not the bytes).
 */
export function merchantDayTransactionsOf(
  world: World,
  merchant: SimMerchant,
  calendar: SimDay,
): SimTransaction[] {
  return merchantDayTransactions(
    new Rng(world.seed, TRAFFIC_STREAM, merchant.index, calendar.day),
    merchant,
    calendar,
  );
}

/** Every message of one merchant on one day, in time order, then its duplicates and malformed ones. */
export function merchantDayMessages(
  world: World,
  merchant: SimMerchant,
  calendar: SimDay,
  options: Pick<StreamOptions, 'allowMalformedJson'>,
): SimMessage[] {
  const rng = new Rng(world.seed, TRAFFIC_STREAM, merchant.index, calendar.day);
  const transactions = merchantDayTransactions(rng, merchant, calendar);
  const messages: SimMessage[] = [];
  const extras: SimMessage[] = [];
  const base = { key: merchant.merchantId, day: calendar.day, merchantIndex: merchant.index };
  for (const tx of transactions) {
    const value = JSON.stringify(toRaw(world.acquirerId, merchant.merchantId, tx));
    messages.push({ ...base, value, kind: 'event', tx });
    if (rng.chance(world.plannedTruth.duplicateRate)) extras.push({ ...base, value, kind: 'duplicate', tx });
    if (rng.chance(world.plannedTruth.malformedRate)) {
      const bad = malformedMessage(rng, value, tx.transactionId, options.allowMalformedJson !== false);
      extras.push({ ...base, value: bad.value, kind: 'malformed', malformedReason: bad.reason });
    }
  }
  return extras.length === 0 ? messages : messages.concat(extras);
}

/** Volume multiplier of a merchant's scenario on a day: 1 while healthy, decaying, then 0 for good. */
export function volumeMultiplier(merchant: SimMerchant, day: number): number {
  const { scenario, breaks, dip } = merchant;
  if (breaks?.some((b) => day >= b.startDay && day < b.startDay + b.days)) return 0;
  const dipFactor = dip && day >= dip.startDay && day < dip.startDay + dip.days ? dip.depth : 1;
  if (scenario.kind === 'healthy') return dipFactor;
  if (day >= scenario.stopDay!) return 0;
  if (scenario.kind === 'abrupt_stop' || day < scenario.declineStartDay!) return dipFactor;
  return dipFactor * Math.exp(-(day - scenario.declineStartDay!) / scenario.decayDays!);
}

/** Card-read failure rate of a terminal on a day: baseline, ramping up from its start day, baseline again once repaired. */
export function terminalFailureRate(terminal: SimTerminal, day: number): number {
  const plan = terminal.cardReadFailure;
  if (!plan || day < plan.startDay || (plan.repairedDay !== undefined && day >= plan.repairedDay))
    return BASELINE_CARD_READ_FAILURE_RATE;
  if (!plan.rampDays) return plan.failureRate;
  const share = Math.min(1, (day - plan.startDay + 1) / plan.rampDays);
  return BASELINE_CARD_READ_FAILURE_RATE + share * (plan.failureRate - BASELINE_CARD_READ_FAILURE_RATE);
}

function merchantDayTransactions(rng: Rng, merchant: SimMerchant, calendar: SimDay): SimTransaction[] {
  const multiplier = volumeMultiplier(merchant, calendar.day);
  if (multiplier === 0) return [];
  const { profile, category } = merchant;
  // Day-to-day noise (weather, events) on top of the weekly rhythm.
  const mean =
    profile.dailyMean * WEEKDAY_FACTOR[category][calendar.isoWeekday] * multiplier * rng.lognormal(1, 0.15);
  const attempts = rng.poisson(mean);
  const context = new DayContext(rng, merchant, calendar);
  for (let i = 0; i < attempts; i++) context.purchaseAttempt();
  return context.transactions.sort((a, b) => a.occurredAtMs - b.occurredAtMs);
}

/** Builds one merchant-day's transactions; ids are `<merchantId>-<yyyymmdd>-<seq>`. */
class DayContext {
  readonly transactions: SimTransaction[] = [];
  private seq = 0;
  private readonly channelCumulative: number[];
  private readonly terminalCumulative: number[];

  constructor(
    private readonly rng: Rng,
    private readonly merchant: SimMerchant,
    private readonly calendar: SimDay,
  ) {
    this.channelCumulative = cumulativeOf(CHANNELS.map((c) => merchant.profile.channelWeights[c]));
    this.terminalCumulative = cumulativeOf(merchant.terminals.map((t) => t.weight));
  }

  purchaseAttempt(): void {
    const { rng, merchant } = this;
    const hour = pickCumulative(rng, HOURLY_CUMULATIVE[merchant.category]);
    const at = this.calendar.startMs + hour * 3_600_000 + Math.floor(rng.next() * 3_600_000);
    const terminal = merchant.terminals[pickCumulative(rng, this.terminalCumulative)];
    const channel = CHANNELS[pickCumulative(rng, this.channelCumulative)];
    const amount = Math.max(
      100,
      Math.round(rng.lognormal(merchant.profile.ticketMedianMinor, merchant.profile.ticketSigma)),
    );
    const entryMode: EntryMode = CARD_CHANNELS.has(channel)
      ? CARD_ENTRY_MODES[pickCumulative(rng, CARD_ENTRY_CUMULATIVE)]
      : 'qr';
    if (entryMode !== 'qr' && entryMode !== 'manual' && rng.chance(this.cardReadFailureRate(terminal))) {
      this.push(
        terminal,
        at,
        amount,
        channel,
        entryMode,
        'purchase',
        'declined',
        CARD_READ_FAILURE_RESPONSE_CODE,
      );
      // Most customers then pay by QR code at the same till a minute later.
      if (rng.chance(0.7))
        this.approveOrDecline(
          terminal,
          at + 60_000,
          amount,
          rng.chance(0.5) ? 'qr_alipay' : 'qr_wechat',
          'qr',
        );
      return;
    }
    this.approveOrDecline(terminal, at, amount, channel, entryMode);
  }

  private approveOrDecline(
    terminal: SimTerminal,
    at: number,
    amount: number,
    channel: Channel,
    entryMode: EntryMode,
  ): void {
    const { rng, merchant } = this;
    if (rng.chance(merchant.profile.declineRate)) {
      this.push(
        terminal,
        at,
        amount,
        channel,
        entryMode,
        'purchase',
        'declined',
        rng.pick(ISSUER_DECLINE_CODES),
      );
      return;
    }
    const purchase = this.push(
      terminal,
      at,
      amount,
      channel,
      entryMode,
      'purchase',
      'approved',
      APPROVED_RESPONSE_CODE,
    );
    if (rng.chance(merchant.profile.reversalRate)) {
      this.push(
        terminal,
        at + rng.int(5_000, 60_000),
        amount,
        channel,
        entryMode,
        'reversal',
        'approved',
        APPROVED_RESPONSE_CODE,
        purchase,
      );
    } else if (rng.chance(merchant.profile.refundRate)) {
      // Refunds stay within the local day (a returned item the same afternoon), full or partial.
      const when = at + rng.int(600_000, 4 * 3_600_000);
      const refunded = rng.chance(0.7) ? amount : Math.max(1, Math.round(amount * rng.uniform(0.2, 0.9)));
      this.push(
        terminal,
        when,
        refunded,
        channel,
        entryMode,
        'refund',
        'approved',
        APPROVED_RESPONSE_CODE,
        purchase,
      );
    }
  }

  private cardReadFailureRate(terminal: SimTerminal): number {
    return terminalFailureRate(terminal, this.calendar.day);
  }

  private push(
    terminal: SimTerminal,
    occurredAtMs: number,
    amountMinor: number,
    channel: Channel,
    entryMode: EntryMode,
    type: TransactionType,
    status: TransactionStatus,
    responseCode: string,
    original?: SimTransaction,
  ): SimTransaction {
    this.seq += 1;
    const tx: SimTransaction = {
      transactionId: `${this.merchant.merchantId}-${this.calendar.compactDate}-${this.seq}`,
      terminalId: terminal.terminalId,
      // Follow-ups (reversal, retry) never spill into the next local day: a stop day stays silent.
      occurredAtMs: Math.min(occurredAtMs, this.calendar.startMs + 86_399_999),
      amountMinor,
      channel,
      type,
      status,
      responseCode,
      entryMode,
      ...(original ? { originalTransactionId: original.transactionId } : {}),
    };
    this.transactions.push(tx);
    return tx;
  }
}

/** The wire shape of `acquirer.transactions.v1` (libs/contracts RawTransactionV1), fields in contract order. */
export function toRaw(acquirerId: string, merchantId: string, tx: SimTransaction): Record<string, unknown> {
  return {
    acquirerId,
    transactionId: tx.transactionId,
    merchantId,
    terminalId: tx.terminalId,
    occurredAt: new Date(tx.occurredAtMs).toISOString(),
    amountMinor: tx.amountMinor,
    currency: 'CNY',
    channel: tx.channel,
    type: tx.type,
    ...(tx.originalTransactionId ? { originalTransactionId: tx.originalTransactionId } : {}),
    status: tx.status,
    responseCode: tx.responseCode,
    entryMode: tx.entryMode,
  };
}
