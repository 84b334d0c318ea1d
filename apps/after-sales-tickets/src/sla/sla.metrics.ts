import { Injectable } from '@nestjs/common';
import { MetricsService } from '@merchant-pulse/observability';
import { Counter, Histogram } from 'prom-client';

/** Prometheus metrics of the SLA engine. */
@Injectable()
export class SlaMetrics {
  /** `pulse_sla_breaches_total{kind,priority}`: breaches fired (every level). */
  readonly breaches: Counter<'kind' | 'priority'>;
  /** `pulse_sla_warnings_total{kind,priority}`: 75% warnings fired. */
  readonly warnings: Counter<'kind' | 'priority'>;
  /** `pulse_sla_timer_lateness_seconds{stage}`: service-clock time from a timer's due instant to its firing. */
  readonly lateness: Histogram<'stage'>;
  /** `pulse_sla_escalation_failures_total`: escalate() calls that threw (retried by the sweep). */
  readonly escalationFailures: Counter<string>;
  /** `pulse_sla_holiday_schedule_missing_total{region,year}`: clocks scheduled into a year without a holiday schedule. */
  readonly holidayScheduleMissing: Counter<'region' | 'year'>;

  constructor(metrics: MetricsService) {
    this.breaches = metrics.counter('pulse_sla_breaches_total', 'SLA breaches fired', ['kind', 'priority']);
    this.warnings = metrics.counter('pulse_sla_warnings_total', 'SLA warnings (75% of a target) fired', [
      'kind',
      'priority',
    ]);
    this.lateness = metrics.histogram(
      'pulse_sla_timer_lateness_seconds',
      'Service-clock time from an SLA timer due instant to its firing',
      ['stage'],
      [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 15, 60, 300],
    );
    this.escalationFailures = metrics.counter(
      'pulse_sla_escalation_failures_total',
      'TicketEscalation.escalate calls that failed (retried)',
    );
    this.holidayScheduleMissing = metrics.counter(
      'pulse_sla_holiday_schedule_missing_total',
      'SLA clocks scheduled into a year for which their calendar has no public holiday schedule loaded',
      ['region', 'year'],
    );
  }
}
