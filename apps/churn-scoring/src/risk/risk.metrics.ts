import { Injectable } from '@nestjs/common';
import { MetricsService } from '@merchant-pulse/observability';
import { Counter, Gauge, Histogram } from 'prom-client';
import { MerchantScore } from './scoring/merchant-scorer';

/** Prometheus metrics of scoring and of the rescoring job. */
@Injectable()
export class RiskMetrics {
  /** `pulse_churn_merchants_scored_total`. */
  readonly scored: Counter<string>;
  /** `pulse_churn_risk_changes_total{behaviour_tier}`: MerchantRiskChanged enqueued. */
  readonly changes: Counter<'behaviour_tier'>;
  /** `pulse_churn_rescore_progress`: share (0–1) of merchants done in the running full rescore. */
  readonly progress: Gauge<string>;
  /** `pulse_churn_rescore_merchants_done`: merchants done in the running full rescore. */
  readonly done: Gauge<string>;
  /** `pulse_churn_rescore_duration_seconds`: duration of full rescoring runs. */
  readonly duration: Histogram<string>;

  constructor(metrics: MetricsService) {
    this.scored = metrics.counter('pulse_churn_merchants_scored_total', 'Merchant scores computed');
    this.changes = metrics.counter('pulse_churn_risk_changes_total', 'MerchantRiskChanged events enqueued', [
      'behaviour_tier',
    ]);
    this.progress = metrics.gauge(
      'pulse_churn_rescore_progress',
      'Share of merchants done in the running full rescore',
    );
    this.done = metrics.gauge(
      'pulse_churn_rescore_merchants_done',
      'Merchants done in the running full rescore',
    );
    this.duration = metrics.histogram(
      'pulse_churn_rescore_duration_seconds',
      'Duration of full rescoring runs',
      [],
      [1, 5, 15, 30, 60, 120, 300, 900],
    );
  }

  recordScores(scores: readonly MerchantScore[], changed: readonly MerchantScore[]): void {
    this.scored.inc(scores.length);
    for (const s of changed) this.changes.inc({ behaviour_tier: s.behaviourTier });
  }
}
