import { Topics } from '@merchant-pulse/contracts';
import {
  TestTopics,
  createTestTopics,
  readTopic,
  testInfra,
  testKafka,
  topicMessageCount,
} from '@merchant-pulse/testing';
import { KafkaSink, silentKafkaLogger } from './kafka.sink';
import { ProgressBar } from './progress.bar';
import { runSimulation } from './run.command';
import { simulateStream } from './transaction.stream';
import { generateWorld } from './world.generator';

describe(runSimulation.name, () => {
  let topics: TestTopics;

  beforeAll(async () => {
    topics = await createTestTopics('simulator');
  });

  afterAll(async () => {
    await topics?.drop();
  });

  it('should deliver every generated message to the raw topic keyed by merchant when running over Kafka', async () => {
    const world = generateWorld({ merchants: 6, seed: 11 });
    const options = { start: '2026-09-01', days: 3 };
    const sink = new KafkaSink(testInfra.kafkaBrokers, topics.prefix, silentKafkaLogger);
    const { summary, report } = await runSimulation(world, sink, {
      ...options,
      batchSize: 200,
      progress: new ProgressBar(process.stderr, false),
    }).finally(() => sink.close());

    const topic = topics.prefix + Topics.AcquirerTransactions;
    expect(summary.messages).toBeGreaterThan(300);
    expect(report.totals.events + report.totals.duplicates + report.totals.malformed.total).toBe(
      summary.messages,
    );
    expect(await topicMessageCount(testKafka(), topic)).toBe(summary.messages);

    const delivered = await readTopic(testKafka(), topic, { count: summary.messages });
    const expected = [...simulateStream(world, options)];
    const asText = (items: Array<{ key: string | null; value: string }>) =>
      items.map((m) => `${m.key}|${m.value}`).sort();
    expect(asText(delivered.map((m) => ({ key: m.key, value: m.value!.toString('utf8') })))).toEqual(
      asText(expected),
    );
  });
});
