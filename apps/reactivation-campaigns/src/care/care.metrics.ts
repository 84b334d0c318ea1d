import { Injectable } from '@nestjs/common';
import { MetricsService } from '@merchant-pulse/observability';
import { Counter } from 'prom-client';

/** Prometheus metrics of the care programme. */
@Injectable()
export class CareMetrics {
  /** `pulse_care_visits_total{kind,channel}`: return visits created. */
  readonly visits: Counter<'kind' | 'channel'>;
  /** `pulse_care_visit_outcomes_total{outcome}`: outcomes recorded by agents. */
  readonly outcomes: Counter<'outcome'>;
  /** `pulse_care_surveys_total{event}`: satisfaction surveys sent, answered, followed up. */
  readonly surveys: Counter<'event'>;
  /** `pulse_care_survey_scores_total{score}`: answers per score (the average is derived from it). */
  readonly scores: Counter<'score'>;
  /** `pulse_care_training_offers_total{reason}`: training offers made. */
  readonly training: Counter<'reason'>;
  /** `pulse_care_ticket_surveys_total`: ticket CSAT links handed to outreach. */
  readonly ticketSurveys: Counter<string>;

  constructor(metrics: MetricsService) {
    this.visits = metrics.counter('pulse_care_visits_total', 'Care return visits created', [
      'kind',
      'channel',
    ]);
    this.outcomes = metrics.counter('pulse_care_visit_outcomes_total', 'Care visit outcomes recorded', [
      'outcome',
    ]);
    this.surveys = metrics.counter('pulse_care_surveys_total', 'Care satisfaction surveys', ['event']);
    this.scores = metrics.counter('pulse_care_survey_scores_total', 'Care survey answers per score', [
      'score',
    ]);
    this.training = metrics.counter('pulse_care_training_offers_total', 'Care training offers', ['reason']);
    this.ticketSurveys = metrics.counter(
      'pulse_care_ticket_surveys_total',
      'Ticket CSAT survey links handed to outreach',
      [],
    );
  }
}
