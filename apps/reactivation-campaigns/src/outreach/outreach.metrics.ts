import { Injectable } from '@nestjs/common';
import { MetricsService } from '@merchant-pulse/observability';
import { Counter, Gauge, Histogram } from 'prom-client';

/** Prometheus metrics of outreach. */
@Injectable()
export class OutreachMetrics {
  /** `pulse_outreach_total{channel,outcome}`: hand-overs to a channel by outcome. */
  readonly outreach: Counter<'channel' | 'outcome'>;
  /** `pulse_outreach_skipped_total{reason}`: send records closed by a guard. */
  readonly skipped: Counter<'reason'>;
  /** `pulse_outreach_held_total{reason}`: jobs re-delayed to the next allowed instant (not dropped). */
  readonly held: Counter<'reason'>;
  /**
   * `pulse_outreach_suspected_duplicates_total{channel,resolution}`: hand-overs that timed out after the
   * request left (a retry could have duplicated them), by how that ended: `avoided` (the provider had it,
   * nothing re-sent), `provider_deduplicated` (a repeated request the provider answered from its
   * idempotency store), `resent_unverified` (re-sent under the same Message-ID without a way to ask, SMTP).
   */
  readonly suspectedDuplicates: Counter<'channel' | 'resolution'>;
  /** `pulse_outreach_queue_depth{queue,state}`: jobs per queue and state (sampled). */
  readonly queueDepth: Gauge<'queue' | 'state'>;
  /** `pulse_outreach_job_latency_seconds{channel}`: from the step's due instant to the hand-over. */
  readonly latency: Histogram<'channel'>;

  constructor(metrics: MetricsService) {
    this.outreach = metrics.counter('pulse_outreach_total', 'Outreach hand-overs by channel and outcome', [
      'channel',
      'outcome',
    ]);
    this.skipped = metrics.counter('pulse_outreach_skipped_total', 'Outreach skipped by a guard', ['reason']);
    this.held = metrics.counter('pulse_outreach_held_total', 'Outreach held until the send window', [
      'reason',
    ]);
    this.suspectedDuplicates = metrics.counter(
      'pulse_outreach_suspected_duplicates_total',
      'Outreach hand-overs that could have been duplicated by a retry after a provider timeout, by resolution',
      ['channel', 'resolution'],
    );
    this.queueDepth = metrics.gauge('pulse_outreach_queue_depth', 'Outreach jobs per queue and state', [
      'queue',
      'state',
    ]);
    this.latency = metrics.histogram(
      'pulse_outreach_job_latency_seconds',
      'Seconds from a step being due to its hand-over to the channel',
      ['channel'],
      [0.05, 0.1, 0.5, 1, 5, 30, 60, 300, 1800, 3600, 21_600, 86_400],
    );
  }
}
