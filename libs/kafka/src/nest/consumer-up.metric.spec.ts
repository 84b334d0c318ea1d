import { MetricsService } from '@merchant-pulse/observability';
import { registerConsumerUpMetric } from './kafka.module';
import { KafkaLifecycle } from './kafka.lifecycle';

describe(registerConsumerUpMetric.name, () => {
  it('should export 1 for running groups and 0 for crashed ones at scrape time', async () => {
    let statuses = [
      { group: 'churn-scoring.activity', state: 'running' },
      { group: 'churn-scoring.lifecycle', state: 'crashed' },
    ];
    const lifecycle = { consumerStatuses: () => statuses } as unknown as KafkaLifecycle;
    const metrics = new MetricsService({ defaultMetrics: false });
    registerConsumerUpMetric(metrics, lifecycle);

    const first = await metrics.metrics();
    expect(first).toContain('pulse_kafka_consumer_up{group="churn-scoring.activity"} 1');
    expect(first).toContain('pulse_kafka_consumer_up{group="churn-scoring.lifecycle"} 0');

    statuses = [{ group: 'churn-scoring.activity', state: 'stopped' }];
    const second = await metrics.metrics();
    expect(second).toContain('pulse_kafka_consumer_up{group="churn-scoring.activity"} 0');
    expect(second).not.toContain('churn-scoring.lifecycle');
  });
});
