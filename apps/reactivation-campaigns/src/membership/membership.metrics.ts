import { Injectable } from '@nestjs/common';
import { MetricsService } from '@merchant-pulse/observability';
import { Counter, Gauge } from 'prom-client';

/** Prometheus metrics of membership. */
@Injectable()
export class MembershipMetrics {
  /** `pulse_loyalty_members{tier}`: merchants per membership tier after the last recalculation. */
  readonly members: Gauge<'tier'>;
  /** `pulse_loyalty_membership_changes_total{to}`: MembershipChanged events enqueued. */
  readonly changes: Counter<'to'>;

  constructor(metrics: MetricsService) {
    this.members = metrics.gauge('pulse_loyalty_members', 'Merchants per membership tier', ['tier']);
    this.changes = metrics.counter('pulse_loyalty_membership_changes_total', 'Membership tier changes', [
      'to',
    ]);
  }
}
