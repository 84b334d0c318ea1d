import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import type { EventProducer } from '../producer/event.producer';
import { BatchConsumerRunner } from './batch-consumer.runner';

const events = { GROUP_JOIN: 'consumer.group_join', CRASH: 'consumer.crash' };

/** A kafkajs stand-in: each `consumer()` is a fresh member; `connectFailures` make the first connects fail. */
function fakeKafka(connectFailures = 0) {
  const consumers: Array<{ emit(event: string, payload: unknown): void; disconnected: boolean }> = [];
  let failures = connectFailures;
  const kafka = {
    consumer: () => {
      const listeners = new Map<string, (e: { payload: unknown }) => void>();
      const consumer = {
        events,
        disconnected: false,
        on: (event: string, listener: (e: { payload: unknown }) => void) => listeners.set(event, listener),
        emit: (event: string, payload: unknown) => listeners.get(event)?.({ payload }),
        connect: async () => {
          if (failures-- > 0) throw new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092');
        },
        subscribe: async () => undefined,
        run: async () => consumer.emit(events.GROUP_JOIN, {}),
        disconnect: async () => void (consumer.disconnected = true),
      };
      consumers.push(consumer);
      return consumer;
    },
  } as unknown as Kafka;
  return { kafka, consumers };
}

const runnerFor = (kafka: Kafka) =>
  new BatchConsumerRunner<unknown>({
    kafka,
    dataSource: {} as DataSource,
    producer: {} as EventProducer,
    groupId: 'g',
    topics: ['t.v1'],
    parse: () => ({ ok: true, value: 1 }),
    handle: async () => undefined,
  });

async function eventually(probe: () => void, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

describe(BatchConsumerRunner.name, () => {
  it('should keep retrying in the background and run once Kafka answers when it is unreachable at boot', async () => {
    const { kafka, consumers } = fakeKafka(2);
    const runner = runnerFor(kafka);
    const started = runner.start();
    await eventually(() =>
      expect(runner.status()).toMatchObject({
        state: 'starting',
        error: expect.stringContaining('ECONNREFUSED'),
      }),
    );
    await started;
    expect(runner.status()).toEqual({ group: 'g', state: 'running' });
    expect(consumers).toHaveLength(3);
    expect(consumers[0].disconnected).toBe(true);
    await runner.stop();
    expect(runner.status().state).toBe('stopped');
  });

  it('should report a crash and replace the consumer when kafkajs will not restart it', async () => {
    const { kafka, consumers } = fakeKafka();
    const runner = runnerFor(kafka);
    await runner.start();
    consumers[0].emit(events.CRASH, { error: new TypeError('boom'), restart: false });
    expect(runner.status()).toMatchObject({ group: 'g', state: 'crashed', error: 'boom' });
    expect(runner.status().crashedForMs).toBeGreaterThanOrEqual(0);
    await eventually(() => expect(runner.status().state).toBe('running'));
    expect(consumers).toHaveLength(2);
    await runner.stop();
  });

  it('should stay crashed until kafkajs has rejoined when it restarts the consumer itself', async () => {
    const { kafka, consumers } = fakeKafka();
    const runner = runnerFor(kafka);
    await runner.start();
    consumers[0].emit(events.CRASH, { error: new Error('retries exceeded'), restart: true });
    await new Promise((r) => setTimeout(r, 50));
    expect(runner.status().state).toBe('crashed');
    expect(consumers).toHaveLength(1);
    consumers[0].emit(events.GROUP_JOIN, {});
    expect(runner.status().state).toBe('running');
    await runner.stop();
  });
});

describe(`${BatchConsumerRunner.name} stop`, () => {
  it('should stop at once while it is still retrying to reach Kafka', async () => {
    const { kafka } = fakeKafka(1_000);
    const runner = runnerFor(kafka);
    const started = runner.start();
    await eventually(() => expect(runner.status().state).toBe('starting'));
    const before = Date.now();
    await runner.stop();
    await started;
    expect(Date.now() - before).toBeLessThan(500);
    expect(runner.status().state).toBe('stopped');
  });
});
