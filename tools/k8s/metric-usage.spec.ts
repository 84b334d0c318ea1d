import { join } from 'node:path';
import { metricsRegisteredInCode, metricsUsedByDashboardsAndAlerts, PENDING_METRICS } from './metric-usage';

const root = join(__dirname, '..', '..');

describe('metrics named by dashboards and alert rules', () => {
  const registered = metricsRegisteredInCode(root);
  const used = metricsUsedByDashboardsAndAlerts(root);

  it('should find the registrations of the shared and service metrics when scanning the code', () => {
    for (const name of [
      'pulse_http_requests_total',
      'pulse_http_request_duration_seconds',
      'pulse_kafka_consumer_lag',
      'pulse_kafka_consumer_up',
      'pulse_outbox_pending',
      'pulse_ingest_events_total',
      'pulse_churn_risk_changes_total',
    ]) {
      expect({ name, registered: registered.has(name) }).toEqual({ name, registered: true });
    }
  });

  it('should name only metrics some service registers (or that are listed as pending, with a reason)', () => {
    const unknown = [...used]
      .filter(([name]) => !registered.has(name) && !(name in PENDING_METRICS))
      .map(([name, where]) => `${name} (${where[0]})`);
    expect(unknown).toEqual([]);
  });

  it('should flag a dashboard query on a metric nobody exports', () => {
    const bogus = new Map(used).set('pulse_no_such_metric_total', ['test']);
    const unknown = [...bogus].filter(([name]) => !registered.has(name) && !(name in PENDING_METRICS));
    expect(unknown.map(([name]) => name)).toEqual(['pulse_no_such_metric_total']);
  });

  it('should use every alert-relevant shared metric somewhere', () => {
    for (const name of ['pulse_dead_letters_total', 'pulse_outbox_pending', 'pulse_kafka_consumer_up']) {
      expect(used.has(name)).toBe(true);
    }
  });
});
