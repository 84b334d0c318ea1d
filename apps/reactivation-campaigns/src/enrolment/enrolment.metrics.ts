import { Injectable } from '@nestjs/common';
import { MetricsService } from '@merchant-pulse/observability';
import { Counter } from 'prom-client';

/** Prometheus metrics of enrolment and conversions. */
@Injectable()
export class EnrolmentMetrics {
  /** `pulse_campaign_enrolled_total{campaign_kind,arm}`. */
  readonly enrolled: Counter<'campaign_kind' | 'arm'>;
  /** `pulse_campaign_conversions_total{campaign_kind,arm}`: enrolments converted within their window. */
  readonly conversions: Counter<'campaign_kind' | 'arm'>;
  /** `pulse_campaign_exits_total{reason}`. */
  readonly exits: Counter<'reason'>;

  constructor(metrics: MetricsService) {
    this.enrolled = metrics.counter('pulse_campaign_enrolled_total', 'Merchants enrolled in campaigns', [
      'campaign_kind',
      'arm',
    ]);
    this.conversions = metrics.counter(
      'pulse_campaign_conversions_total',
      'Enrolled merchants converted (first local day with at least K approved transactions) within the attribution window',
      ['campaign_kind', 'arm'],
    );
    this.exits = metrics.counter('pulse_campaign_exits_total', 'Enrolments ended', ['reason']);
  }
}
