// Early-warning evaluation of one simulator world, in process (no Kafka): generate its traffic,
// aggregate it into daily activity (with per-terminal card reads), train the hazard model on the
// history up to the as-of date, and backtest the early-warning target against the score and recency.
import { addDays, DailyActivity, dayNumber } from '../../../apps/churn-scoring/src/activity/daily-activity';
import { BacktestRanker, hazardRanker } from '../../../apps/churn-scoring/src/backtests/backtest.rankers';
import { runBacktest } from '../../../apps/churn-scoring/src/backtests/backtest.runner';
import { earlyWarningTable } from '../../../apps/churn-scoring/src/backtests/early-warning.table';
import { deriveObservedTruth } from '../../../apps/churn-scoring/src/backtests/ground-truth';
import {
  HazardContext,
  hazardFeatures,
  NO_CONTEXT,
  PopulationParams,
} from '../../../apps/churn-scoring/src/models/hazard/hazard-features';
import { HazardModel, predictHazard } from '../../../apps/churn-scoring/src/models/hazard/hazard-model';
import { hazardReasons } from '../../../apps/churn-scoring/src/models/hazard/hazard-reasons';
import {
  populationAt,
  trainHazardModel,
} from '../../../apps/churn-scoring/src/models/hazard/hazard-training';
import { DEFAULT_SCORING_POLICY } from '../../../apps/churn-scoring/src/risk/scoring/scoring.policy';
import { aggregateActivity } from '../../../apps/churn-scoring/src/activity/activity-windows';
import { ScoringModel } from '../../../apps/churn-scoring/src/risk/scoring/risk-score.calculator';
import { NO_SIGNALS } from '../../../apps/churn-scoring/src/risk/scoring/merchant-features';
import { scoreMerchant } from '../../../apps/churn-scoring/src/risk/scoring/merchant-scorer';
import { AT_RISK_SCORE } from '../../../apps/churn-scoring/src/risk/scoring/tier.classifier';
import { localDateOf, simDay } from '../../simulator/sim-calendar';
import { merchantDayTransactionsOf, SimTransaction } from '../../simulator/transaction.stream';
import { generateWorld } from '../../simulator/world.generator';
import type { World } from '../../simulator/world.types';

/** First day of every evaluated world. */
export const START = '2026-01-05';
const HORIZON = 30;

/**
 * Not a model: a ranker that KNOWS from the simulator's plan whether a merchant is inside its
 * planned decline at the as-of date. Its AUC is the ceiling of any ranker reading the traffic
 * (abrupt stops and declines that have not begun yet give nothing to read).
 */
function precursorOracle(world: World): BacktestRanker {
  const byId = new Map(world.merchants.map((m) => [m.merchantId, m.scenario]));
  return {
    name: 'oracle',
    alertRule: 'inside its planned decline (simulator plan, not observable)',
    rate: ({ merchantId, windows }) => {
      const s = byId.get(merchantId)!;
      const day = dayNumber(windows.asOfDate) - dayNumber(START);
      const declining = s.declineStartDay !== undefined && day >= s.declineStartDay && day < s.stopDay!;
      return { ranking: declining ? 1 : 0, probability: declining ? 1 : 0, alert: declining };
    },
  };
}

/** What the registry would have told churn-scoring: the fee increases announced (FeeChangeAnnounced). */
export function simulatedContexts(world: World): Map<string, HazardContext> {
  const out = new Map<string, HazardContext>();
  for (const f of world.plannedTruth.precursors?.feeIncreases ?? [])
    out.set(f.merchantId, {
      feeIncreases: [
        {
          announcedOn: localDateOf(START, f.announceDay),
          effectiveFrom: localDateOf(START, f.effectiveDay),
          fromBps: f.fromBps,
          toBps: f.toBps,
        },
      ],
    });
  return out;
}

type TerminalCounts = { terminalId: string; cardAttempts: number; failures: number };

/** Daily activity per merchant from the world's traffic (approved purchases, declines, card-read failures, card share, per-terminal card reads). */
export function simulatedActivity(world: World, days: number): Map<string, DailyActivity[]> {
  const byMerchant = new Map<string, Map<number, DailyActivity>>();
  for (const m of world.merchants) byMerchant.set(m.merchantId, new Map());
  for (let day = 0; day < days; day++) {
    const calendar = simDay(START, day);
    for (const merchant of world.merchants)
      for (const tx of merchantDayTransactionsOf(world, merchant, calendar))
        if (tx.type === 'purchase') addPurchase(byMerchant.get(merchant.merchantId)!, day, tx);
  }
  return new Map([...byMerchant].map(([id, m]) => [id, [...m.values()]]));
}

function addPurchase(perDay: Map<number, DailyActivity>, day: number, tx: SimTransaction): void {
  let d = perDay.get(day);
  if (!d) {
    d = {
      date: localDateOf(START, day),
      approvedCount: 0,
      declinedCount: 0,
      approvedAmountMinor: 0,
      feeMinor: 0,
      cardReadFailureCount: 0,
      cardApprovedCount: 0,
      terminals: [],
    };
    perDay.set(day, d);
  }
  if (tx.entryMode !== 'qr' && tx.entryMode !== 'manual') {
    const terminals = d.terminals as TerminalCounts[];
    let t = terminals.find((x) => x.terminalId === tx.terminalId);
    if (!t) terminals.push((t = { terminalId: tx.terminalId, cardAttempts: 0, failures: 0 }));
    t.cardAttempts += 1;
    if (tx.responseCode === 'CR') t.failures += 1;
  }
  if (tx.status === 'approved') {
    d.approvedCount += 1;
    d.approvedAmountMinor += tx.amountMinor;
    if (tx.channel === 'credit' || tx.channel === 'debit') d.cardApprovedCount! += 1;
  } else {
    d.declinedCount += 1;
    if (tx.responseCode === 'CR') d.cardReadFailureCount += 1;
  }
}

export function evaluateWorld(
  mix: string,
  seed: number,
  merchants: number,
  days: number,
  alertProbability: number,
  log: (text: string) => void = (text) => process.stderr.write(text),
) {
  const t0 = Date.now();
  const world = generateWorld({ merchants, seed, horizonDays: days, mix, start: START });
  const activity = simulatedActivity(world, days);
  const contexts = simulatedContexts(world);
  const simulatedMs = Date.now() - t0;
  const dataEnd = addDays(START, days - 1);
  const asOfDate = addDays(dataEnd, -HORIZON - DEFAULT_SCORING_POLICY.dormantAfterDays);
  const truth = deriveObservedTruth(activity, asOfDate, dataEnd, DEFAULT_SCORING_POLICY.dormantAfterDays);
  const t1 = Date.now();
  const model = trainHazardModel({ activity, asOfDate, calibrationWeeks: 4, contexts });
  const trainingMs = Date.now() - t1;
  const bgbb = model.population?.kind === 'bgbb' ? populationAt(activity, asOfDate, 'bgbb') : null;
  const report = runBacktest({
    activity,
    truth,
    asOfDate,
    horizonDays: HORIZON,
    target: 'early-warning',
    policy: DEFAULT_SCORING_POLICY,
    extraRankers: (population) => [
      hazardRanker(model, alertProbability, bgbb ?? population.params, contexts),
      precursorOracle(world),
    ],
  });
  log(
    `\nworld ${mix}:${seed}: ${merchants} merchants × ${days} days, as of ${asOfDate}: ${report.merchants} still trading, ${report.positives} start a dormancy within ${HORIZON} days ` +
      `(simulated in ${simulatedMs} ms, trained in ${trainingMs} ms on ${model.training.rows} merchant-weeks / ${model.training.positives} positives)\n` +
      earlyWarningTable(report.earlyWarning!).join('\n') +
      '\n',
  );
  const breaks = breakAlarms(world, activity, model, bgbb ?? report.model.params, contexts, {
    asOfDate,
    dataEnd,
    alertProbability,
    scoring: { version: 'breaks', params: report.model.params },
  });
  log(
    `  merchants 3+ days into a planned break that ends (habitual or Spring Festival) after the as-of date: ${breaks.merchantDays} merchant-days; ` +
      `alerted by hazard ${pct(breaks.hazard)}, by score ${pct(breaks.score)}, by recency (>= 3 days) 100%\n`,
  );
  const starts = new Set(
    truth
      .filter((t) => t.dormancyDay! > asOfDate && t.dormancyDay! <= addDays(asOfDate, HORIZON))
      .map((t) => t.merchantId),
  );
  const flagged = topFlagged(activity, model, asOfDate, bgbb ?? report.model.params, contexts).map((f) => ({
    ...f,
    startedDormancyWithin30d: starts.has(f.merchantId),
  }));
  log(`  population model of P(alive): ${JSON.stringify(model.population)}\n`);
  for (const f of flagged)
    log(
      `  ${f.merchantId} pDormant30d ${f.pDormant30d} (${f.startedDormancyWithin30d ? 'did go dormant' : 'kept trading'}): ${f.reasons.join('; ')}\n`,
    );
  return { mix, seed, merchants, days, asOfDate, simulatedMs, trainingMs, model, report, flagged, breaks };
}

/** The `limit` merchants still trading with the highest pDormant30d, with the model's reasons. */
export function topFlagged(
  activity: Map<string, DailyActivity[]>,
  model: HazardModel,
  asOfDate: string,
  population: PopulationParams,
  contexts: ReadonlyMap<string, HazardContext>,
  limit = 3,
) {
  const scored = [...activity].flatMap(([merchantId, days]) => {
    const f = hazardFeatures(days, asOfDate, population, contexts.get(merchantId) ?? NO_CONTEXT);
    if (!f || f.evidence.daysSinceLast >= 7) return [];
    const p = predictHazard(model, f);
    return [
      {
        merchantId,
        pDormant30d: Math.round(p.pDormant30d * 1000) / 1000,
        reasons: hazardReasons(p.drivers, f.evidence).map((r) => r.message),
      },
    ];
  });
  return scored.sort((a, b) => b.pDormant30d - a.pDormant30d).slice(0, limit);
}

const pct = (v: number): string => (Number.isNaN(v) ? '-' : `${Math.round(v * 100)}%`);

/**
 * Breaks are not churn: every merchant-day after the as-of date (data the model never saw) that is 3
 * or more days into a planned break it comes back from, while it still traded in the last 7 days —
 * the share the hazard model alerts on (pDormant30d ≥ the alert probability) and the share the score
 * flags at_risk (≥ 50). The recency rule (≥ 3 quiet days) alerts on all of them by construction.
 */
function breakAlarms(
  world: World,
  activity: ReadonlyMap<string, readonly DailyActivity[]>,
  model: HazardModel,
  population: PopulationParams,
  contexts: ReadonlyMap<string, HazardContext>,
  o: { asOfDate: string; dataEnd: string; alertProbability: number; scoring: ScoringModel },
): { merchantDays: number; hazard: number; score: number } {
  const { asOfDate, dataEnd, alertProbability, scoring } = o;
  const from = dayNumber(asOfDate) - dayNumber(START);
  const to = dayNumber(dataEnd) - dayNumber(START) - 7;
  let n = 0;
  let hazard = 0;
  let score = 0;
  for (const m of world.merchants)
    for (const b of m.breaks ?? [])
      for (
        let day = Math.max(b.startDay + 3, from + 1);
        day < Math.min(b.startDay + b.days, b.startDay + 7, to);
        day++
      ) {
        const date = addDays(START, day);
        const days = activity.get(m.merchantId)!;
        const f = hazardFeatures(days, date, population, contexts.get(m.merchantId) ?? NO_CONTEXT);
        if (!f || f.evidence.daysSinceLast >= 7) continue;
        n += 1;
        if (predictHazard(model, f).pDormant30d >= alertProbability) hazard += 1;
        const windows = aggregateActivity(days, date, DEFAULT_SCORING_POLICY.dormantAfterDays);
        const s = scoreMerchant(
          { merchantId: m.merchantId, windows, signals: NO_SIGNALS },
          scoring,
          DEFAULT_SCORING_POLICY,
        );
        if (s.exactScore >= AT_RISK_SCORE) score += 1;
      }
  return { merchantDays: n, hazard: n ? hazard / n : NaN, score: n ? score / n : NaN };
}
