import { CARD_READ_FAILURE_RESPONSE_CODE } from './rhythm.profiles';
import { DORMANCY_DAYS } from './scenario.planner';
import { localDateOf } from './sim-calendar';
import type { SimMessage } from './transaction.stream';
import type { ScenarioKind, World } from './world.types';

/** A count and a sum of amounts in fen. */
export interface CountAndAmount {
  count: number;
  amountMinor: number;
}

/** What one merchant produced over the run (unique valid events only). */
export interface MerchantTotals {
  events: number;
  approvedPurchases: CountAndAmount;
  declinedPurchases: number;
  cardReadFailures: number;
  refunds: CountAndAmount;
  reversals: CountAndAmount;
  /** Last local date with an approved transaction, or null. */
  lastApprovedDate: string | null;
}

/** The ground truth file written by `run`. */
export interface GroundTruthReport {
  seed: number;
  acquirerId: string;
  start: string;
  days: number;
  totals: {
    /** Every message delivered: events + duplicates + malformed = what ingestion should count as received. */
    messages: number;
    /** Unique valid transactions (ingestion's accepted, if every merchant is known). */
    events: number;
    duplicates: number;
    malformed: { total: number; byReason: Record<string, number> };
    byType: Record<string, number>;
    byStatus: Record<string, number>;
    cardReadFailures: number;
    approvedPurchaseAmountMinor: number;
    refundAmountMinor: number;
    reversalAmountMinor: number;
  };
  /** Card-read failures are declined transactions with this response code. */
  cardReadFailureResponseCode: string;
  dormantMerchants: DormantMerchantTruth[];
  failingTerminals: Array<{
    terminalId: string;
    merchantId: string;
    startDate: string;
    failureRate: number;
    failuresObserved: number;
  }>;
  merchants: Record<string, MerchantTotals>;
  /** The precursor mixes' plans as dates (absent for the legacy mix): what the model may pick up, and the pauses that are not churn. */
  precursors?: PrecursorReport;
}

/** The precursors of a mix, in local dates. */
export interface PrecursorReport {
  mix: string;
  springFestival: string | null;
  terminalFailureStop: Array<{
    merchantId: string;
    terminalId: string;
    failureStartDate: string;
    plannedStopDate: string;
  }>;
  feeIncreases: Array<{
    merchantId: string;
    announcedOn: string;
    effectiveFrom: string;
    fromBps: number;
    toBps: number;
    leaves: boolean;
  }>;
  breaks: Array<{ merchantId: string; reason: string; startDate: string; days: number }>;
  dips: Array<{ merchantId: string; startDate: string; days: number; depth: number }>;
}

/** A merchant that stops trading during the run. */
export interface DormantMerchantTruth {
  merchantId: string;
  scenario: Exclude<ScenarioKind, 'healthy'>;
  declineStartDate: string | null;
  /** First day of the planned silence (no transaction at all from then on). */
  plannedStopDate: string;
  /** First day of the run of days without any approved transaction that lasts to the end of the run. */
  dormancyDay: string | null;
  /** dormancyDay + 30 days: when the merchant is dormant by DESIGN.md's definition. */
  dormantFrom: string | null;
  /** True when the full 30 quiet days fit inside the simulated span. */
  confirmedWithinSpan: boolean;
}

/** Accumulates the ground truth while messages stream by; memory is O(merchants + failing terminals). */
export class GroundTruthRecorder {
  private readonly perMerchant: MerchantTotals[];
  private readonly lastApprovedDay: Int32Array;
  private readonly terminalFailures = new Map<string, number>();
  private readonly totals: GroundTruthReport['totals'] = {
    messages: 0,
    events: 0,
    duplicates: 0,
    malformed: { total: 0, byReason: {} },
    byType: { purchase: 0, refund: 0, reversal: 0 },
    byStatus: { approved: 0, declined: 0 },
    cardReadFailures: 0,
    approvedPurchaseAmountMinor: 0,
    refundAmountMinor: 0,
    reversalAmountMinor: 0,
  };
  /** The last simulated day seen (for progress). */
  currentDay = 0;

  constructor(
    private readonly world: World,
    private readonly start: string,
    private readonly days: number,
  ) {
    this.perMerchant = world.merchants.map(() => emptyTotals());
    this.lastApprovedDay = new Int32Array(world.merchants.length).fill(-1);
    for (const t of world.plannedTruth.failingTerminals) this.terminalFailures.set(t.terminalId, 0);
    for (const t of world.plannedTruth.precursors?.terminalFailureStop ?? [])
      this.terminalFailures.set(t.terminalId, 0);
  }

  get counts(): Readonly<GroundTruthReport['totals']> {
    return this.totals;
  }

  observe(message: SimMessage): void {
    this.totals.messages += 1;
    this.currentDay = message.day;
    if (message.kind === 'duplicate') this.totals.duplicates += 1;
    else if (message.kind === 'malformed') {
      const reason = message.malformedReason!;
      this.totals.malformed.total += 1;
      this.totals.malformed.byReason[reason] = (this.totals.malformed.byReason[reason] ?? 0) + 1;
    } else this.observeEvent(message);
  }

  private observeEvent(message: SimMessage): void {
    const tx = message.tx!;
    const m = this.perMerchant[message.merchantIndex];
    const t = this.totals;
    t.events += 1;
    m.events += 1;
    t.byType[tx.type] += 1;
    t.byStatus[tx.status] += 1;
    if (tx.status === 'approved') this.lastApprovedDay[message.merchantIndex] = message.day;
    if (tx.type === 'purchase' && tx.status === 'approved') {
      add(m.approvedPurchases, tx.amountMinor);
      t.approvedPurchaseAmountMinor += tx.amountMinor;
    } else if (tx.type === 'purchase') {
      m.declinedPurchases += 1;
      if (tx.responseCode === CARD_READ_FAILURE_RESPONSE_CODE) {
        m.cardReadFailures += 1;
        t.cardReadFailures += 1;
        const seen = this.terminalFailures.get(tx.terminalId);
        if (seen !== undefined) this.terminalFailures.set(tx.terminalId, seen + 1);
      }
    } else if (tx.type === 'refund') {
      add(m.refunds, tx.amountMinor);
      t.refundAmountMinor += tx.amountMinor;
    } else {
      add(m.reversals, tx.amountMinor);
      t.reversalAmountMinor += tx.amountMinor;
    }
  }

  /** The report; dormancy days are read from what was actually generated. */
  report(): GroundTruthReport {
    const { world, start, days } = this;
    const merchants: Record<string, MerchantTotals> = {};
    world.merchants.forEach((merchant, i) => {
      const last = this.lastApprovedDay[i];
      merchants[merchant.merchantId] = {
        ...this.perMerchant[i],
        lastApprovedDate: last < 0 ? null : localDateOf(start, last),
      };
    });
    return {
      seed: world.seed,
      acquirerId: world.acquirerId,
      start,
      days,
      totals: this.totals,
      cardReadFailureResponseCode: CARD_READ_FAILURE_RESPONSE_CODE,
      dormantMerchants: this.dormantMerchants(),
      failingTerminals: world.plannedTruth.failingTerminals
        .filter((t) => t.startDay < days)
        .map((t) => ({
          terminalId: t.terminalId,
          merchantId: t.merchantId,
          startDate: localDateOf(start, t.startDay),
          failureRate: t.failureRate,
          failuresObserved: this.terminalFailures.get(t.terminalId) ?? 0,
        })),
      merchants,
      ...(world.plannedTruth.precursors ? { precursors: this.precursorReport() } : {}),
    };
  }

  private precursorReport(): PrecursorReport {
    const { start, world } = this;
    const p = world.plannedTruth.precursors!;
    const date = (day: number) => localDateOf(start, day);
    return {
      mix: world.mix ?? 'legacy',
      springFestival: p.springFestivalDay === null ? null : date(p.springFestivalDay),
      terminalFailureStop: p.terminalFailureStop.map((t) => ({
        merchantId: t.merchantId,
        terminalId: t.terminalId,
        failureStartDate: date(t.failureStartDay),
        plannedStopDate: date(t.stopDay),
      })),
      feeIncreases: p.feeIncreases.map((f) => ({
        merchantId: f.merchantId,
        announcedOn: date(f.announceDay),
        effectiveFrom: date(f.effectiveDay),
        fromBps: f.fromBps,
        toBps: f.toBps,
        leaves: f.leaves,
      })),
      breaks: p.breaks.map((b) => ({
        merchantId: b.merchantId,
        reason: b.reason,
        startDate: date(b.startDay),
        days: b.days,
      })),
      dips: p.dips.map((d) => ({
        merchantId: d.merchantId,
        startDate: date(d.startDay),
        days: d.days,
        depth: d.depth,
      })),
    };
  }

  private dormantMerchants(): DormantMerchantTruth[] {
    const { start, days } = this;
    return this.world.merchants
      .filter((m) => m.scenario.kind !== 'healthy' && m.scenario.stopDay! < days)
      .map((m) => {
        const scenario = m.scenario;
        const quietFrom = this.lastApprovedDay[m.index] + 1;
        const hasQuietRun = quietFrom < days;
        return {
          merchantId: m.merchantId,
          scenario: scenario.kind as DormantMerchantTruth['scenario'],
          declineStartDate:
            scenario.declineStartDay === undefined ? null : localDateOf(start, scenario.declineStartDay),
          plannedStopDate: localDateOf(start, scenario.stopDay!),
          dormancyDay: hasQuietRun ? localDateOf(start, quietFrom) : null,
          dormantFrom: hasQuietRun ? localDateOf(start, quietFrom + DORMANCY_DAYS) : null,
          confirmedWithinSpan: hasQuietRun && quietFrom + DORMANCY_DAYS <= days,
        };
      });
  }
}

function emptyTotals(): MerchantTotals {
  return {
    events: 0,
    approvedPurchases: { count: 0, amountMinor: 0 },
    declinedPurchases: 0,
    cardReadFailures: 0,
    refunds: { count: 0, amountMinor: 0 },
    reversals: { count: 0, amountMinor: 0 },
    lastApprovedDate: null,
  };
}

function add(target: CountAndAmount, amountMinor: number): void {
  target.count += 1;
  target.amountMinor += amountMinor;
}
