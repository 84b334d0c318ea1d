import { Counter, Registry } from 'prom-client';
import { MetricsService } from './metrics.service';

describe(MetricsService.name, () => {
  const standalone = () => new MetricsService({ defaultMetrics: false });

  it('should register the shared metrics DESIGN.md names when constructed', async () => {
    const text = await standalone().metrics();

    for (const name of [
      'pulse_http_requests_total',
      'pulse_http_request_duration_seconds',
      'pulse_kafka_consumer_lag',
      'pulse_outbox_pending',
      'pulse_dead_letters_total',
      'pulse_dead_letters_overflow_total',
      'pulse_outbox_failed_total',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });

  it('should render labelled values when the typed getters are used', async () => {
    const metrics = standalone();

    metrics.deadLettersTotal.inc({ topic: 'acquirer.transactions.v1', reason: 'unknown_merchant' });
    metrics.kafkaConsumerLag.set({ topic: 't', partition: '3', group: 'g' }, 17);
    metrics.outboxPending.set(4);

    const text = await metrics.metrics();
    expect(text).toContain(
      'pulse_dead_letters_total{topic="acquirer.transactions.v1",reason="unknown_merchant"} 1',
    );
    expect(text).toContain('pulse_kafka_consumer_lag{topic="t",partition="3",group="g"} 17');
    expect(text).toContain('pulse_outbox_pending 4');
  });

  it('should return the existing metric when a factory is called twice with the same name', () => {
    const metrics = standalone();

    const first = metrics.counter('pulse_ingest_events_total', 'Ingested events', ['outcome', 'reason']);
    const second = metrics.counter('pulse_ingest_events_total', 'Ingested events', ['reason', 'outcome']);

    expect(second).toBe(first);
    expect(first).toBeInstanceOf(Counter);
  });

  it('should refuse a name when it is registered as another type', () => {
    const metrics = standalone();
    metrics.gauge('pulse_queue_depth', 'Queue depth');

    expect(() => metrics.counter('pulse_queue_depth', 'Queue depth')).toThrow(
      'already registered as another type',
    );
  });

  it('should refuse a name when it is registered with other labels', () => {
    const metrics = standalone();
    metrics.histogram('pulse_score_seconds', 'Scoring time', ['model']);

    expect(() => metrics.histogram('pulse_score_seconds', 'Scoring time', ['tier'])).toThrow(
      'with labels [model]',
    );
  });

  it('should refuse a name when it lacks the pulse_ prefix', () => {
    expect(() => standalone().counter('events_total', 'Events')).toThrow('must start with "pulse_"');
  });

  it('should collect prefixed Node process metrics when default metrics are on', async () => {
    const text = await new MetricsService({ registry: new Registry() }).metrics();

    expect(text).toContain('pulse_process_cpu_user_seconds_total');
  });

  it('should return the same instance when forProcess is called twice', () => {
    expect(MetricsService.forProcess()).toBe(MetricsService.forProcess());
  });
});
