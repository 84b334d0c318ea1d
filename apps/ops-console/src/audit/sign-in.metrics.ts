import { Injectable } from '@nestjs/common';
import { MetricsService } from '@merchant-pulse/observability';
import { Counter } from 'prom-client';
import { SignInOutcome } from './sign-in-audit.repository';

/** Prometheus metrics of sign-ins. */
@Injectable()
export class SignInMetrics {
  /** `pulse_console_sign_ins_total{outcome}`: success, failure, rate_limited. */
  readonly signIns: Counter<'outcome'>;

  constructor(metrics: MetricsService) {
    this.signIns = metrics.counter('pulse_console_sign_ins_total', 'Console sign-in attempts by outcome', [
      'outcome',
    ]);
  }

  count(outcome: SignInOutcome): void {
    this.signIns.inc({ outcome });
  }
}
