import { Injectable } from '@nestjs/common';
import { MetricsService } from '@merchant-pulse/observability';
import { Gauge } from 'prom-client';

/** Prometheus metrics of the terminal fleet (set by each idle-terminal scan). */
@Injectable()
export class TerminalFleetMetrics {
  /** `pulse_terminal_utilisation_ratio`: share of assigned terminals that transacted in the last 30 days. */
  readonly utilisation: Gauge<string>;
  /** `pulse_terminals_assigned`: terminals assigned to a merchant. */
  readonly assigned: Gauge<string>;
  /** `pulse_terminals_idle`: assigned terminals judged idle. */
  readonly idle: Gauge<string>;

  constructor(metrics: MetricsService) {
    this.utilisation = metrics.gauge(
      'pulse_terminal_utilisation_ratio',
      'Share of assigned terminals with an approved transaction in the last 30 days',
    );
    this.assigned = metrics.gauge('pulse_terminals_assigned', 'Terminals assigned to a merchant');
    this.idle = metrics.gauge('pulse_terminals_idle', 'Assigned terminals judged idle');
  }
}
