import { Injectable } from '@nestjs/common';
import { Clock } from '@merchant-pulse/clock';
import { createEvent, EventRegistry } from '@merchant-pulse/contracts';
import { withTransaction } from '@merchant-pulse/database';
import { enqueueOutboxEvents } from '@merchant-pulse/kafka';
import { DataSource, EntityManager } from 'typeorm';
import { aggregateActivity } from '../../../activity/activity-windows';
import { RecentActivityMatrix } from '../../../activity/recent-activity.matrix';
import { MerchantActivityRepository } from '../../../activity/merchant-activity.repository';
import { ChurnScoringConfig } from '../../../config/churn-scoring.config';
import { HazardModelRepository } from '../../../models/hazard-model.repository';
import { HAZARD_LOOKBACK_DAYS } from '../../../models/hazard/hazard-features';
import { MerchantContext, MerchantContextRepository } from '../../../signals/merchant-context.repository';
import { EarlyWarning, earlyWarningsOfMatrix } from '../../scoring/early-warning';
import { RefitPopulationModelUseCase } from '../../../models/use-cases/refit-population-model/refit-population-model.use-case';
import { MerchantSignalsRepository } from '../../../signals/merchant-signals.repository';
import { MerchantRiskRepository } from '../../merchant-risk.repository';
import { RiskMetrics } from '../../risk.metrics';
import { NO_SIGNALS } from '../../scoring/merchant-features';
import { MerchantScore, scoreMerchant } from '../../scoring/merchant-scorer';
import { isRiskChange, riskChangedPayload } from '../../scoring/risk-change';
import { ScoringModel } from '../../scoring/risk-score.calculator';
import { RescoreMerchantsCommand } from './rescore-merchants.command';

/** What one rescoring did. */
export interface RescoreOutcome {
  scored: number;
  /** Merchants whose band or tier changed (one MerchantRiskChanged each). */
  changed: number;
}

/**
 * Rescores merchants as of a date: windows + signals → score, reasons, tiers; stores the current risk,
 * appends history and enqueues MerchantRiskChanged through the outbox ONLY for band/tier changes —
 * all in the caller's transaction (or one of its own). Time alone changes scores: a merchant with no
 * new events still ages towards dormancy when rescored at a later date.
 */
@Injectable()
export class RescoreMerchantsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly activity: MerchantActivityRepository,
    private readonly signals: MerchantSignalsRepository,
    private readonly risks: MerchantRiskRepository,
    private readonly models: RefitPopulationModelUseCase,
    private readonly config: ChurnScoringConfig,
    private readonly clock: Clock,
    private readonly metrics: RiskMetrics,
    private readonly hazards: HazardModelRepository,
    private readonly contexts: MerchantContextRepository,
  ) {}

  async execute(
    command: RescoreMerchantsCommand,
    manager?: EntityManager,
    model?: ScoringModel,
  ): Promise<RescoreOutcome> {
    if (command.merchantIds.length === 0) return { scored: 0, changed: 0 };
    const current = model ?? (await this.models.currentOrFit(command.asOfDate));
    const run = (m: EntityManager) => this.rescoreIn(m, command, current);
    return manager ? run(manager) : withTransaction(this.dataSource, run);
  }

  private async rescoreIn(
    m: EntityManager,
    command: RescoreMerchantsCommand,
    model: ScoringModel,
  ): Promise<RescoreOutcome> {
    const ids = command.merchantIds;
    const policy = this.config.scoringPolicy;
    // One pass over the chunk's activity: history summary + the hazard lookback as flat arrays.
    const { windows, recent } = await this.activity.loadScoringActivity(
      ids,
      command.asOfDate,
      policy.dormantAfterDays,
      HAZARD_LOOKBACK_DAYS,
      m,
    );
    const signals = await this.signals.loadSignals(m, ids);
    const previous = await this.risks.findStandings(m, ids);
    const contexts = await this.contexts.load(ids, m);
    const early = await this.earlyWarnings(m, model, recent, contexts);
    // The stored risk only decides whether an event is due; the score and tiers come from the data alone.
    const scores: MerchantScore[] = ids.map((merchantId) =>
      scoreMerchant(
        {
          merchantId,
          windows:
            windows.get(merchantId) ?? aggregateActivity([], command.asOfDate, policy.dormantAfterDays),
          signals: signals.get(merchantId) ?? NO_SIGNALS,
          earlyWarning: early.get(merchantId) ?? null,
          closures: contexts.get(merchantId)?.closures ?? [],
        },
        { version: model.version, params: model.params },
        policy,
      ),
    );
    const changed = scores.filter((s) => isRiskChange(s, previous.get(s.merchantId)));
    const now = this.clock.now();
    await this.risks.save(m, scores, changed, now.toISOString());
    const events = changed.map((s) =>
      createEvent('MerchantRiskChanged', {
        merchantId: s.merchantId,
        producer: 'churn-scoring',
        occurredAt: now,
        payload: riskChangedPayload(s, previous.get(s.merchantId), now.toISOString()),
      }),
    );
    await enqueueOutboxEvents(m, events, (type) => EventRegistry[type as 'MerchantRiskChanged'].topic);
    this.metrics.recordScores(scores, changed);
    return { scored: scores.length, changed: changed.length };
  }

  /**
   * The current hazard model's early warning of each merchant with an approved day in the lookback
   * (none without a current hazard model): the feature matrix of the chunk, one dot product per row,
   * reasons from the row, and what the registry, tickets and terminal health said.
   */
  private async earlyWarnings(
    m: EntityManager,
    model: ScoringModel,
    recent: RecentActivityMatrix,
    contexts: ReadonlyMap<string, MerchantContext>,
  ): Promise<Map<string, EarlyWarning>> {
    const hazard = await this.hazards.current(m);
    if (!hazard) return new Map();
    return earlyWarningsOfMatrix({
      model: hazard.model,
      activity: recent,
      population: hazard.model.servingPopulation ?? model.params,
      contexts,
    });
  }
}
