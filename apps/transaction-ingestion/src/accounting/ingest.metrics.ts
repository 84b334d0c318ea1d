import { Inject, Injectable } from '@nestjs/common';
import { MetricsService } from '@merchant-pulse/observability';
import { Counter } from 'prom-client';
import { LedgerDelta } from '../transactions/ingest.model';

/**
 * `pulse_ingest_events_total{outcome="accepted|duplicate|rejected",reason}`, fed from the ledger deltas
 * after their transaction commits (so a retried chunk is not counted twice). A parked transaction is
 * counted once, when its final outcome is known; `reason` is the dead-letter code for rejections,
 * `<type>.<status>` for accepted ones.
 */
@Injectable()
export class IngestMetrics {
  private readonly events: Counter<'outcome' | 'reason'>;

  constructor(@Inject(MetricsService) metrics: MetricsService) {
    this.events = metrics.counter(
      'pulse_ingest_events_total',
      'Raw transactions ingested, by outcome and reason',
      ['outcome', 'reason'],
    );
  }

  record(deltas: readonly LedgerDelta[]): void {
    for (const d of deltas) {
      if (d.outcome === 'parked' || d.outcome === 'redriven' || d.count <= 0) continue;
      this.events.inc({ outcome: d.outcome, reason: d.reason }, d.count);
    }
  }
}
