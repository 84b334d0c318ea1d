import { assertOneHandlerPerTopic, KafkaLifecycle } from './kafka.lifecycle';

const consumer = (name: string, groupId: string, topics: string[]) => ({
  name,
  spec: { groupId, topics },
  handler: {
    parse: () => ({ ok: false as const, reason: 'malformed_json' as const }),
    handle: async () => undefined,
  },
});

describe(assertOneHandlerPerTopic.name, () => {
  it('should accept one handler per group and topic when every declared topic is handled', () => {
    expect(() =>
      assertOneHandlerPerTopic(
        [consumer('A', 'g1', ['t1']), consumer('B', 'g2', ['t1']), consumer('C', 'g1', ['t2'])],
        ['t1', 't2'],
      ),
    ).not.toThrow();
  });

  it('should refuse to start when two handlers consume one topic in one group', () => {
    expect(() =>
      assertOneHandlerPerTopic([consumer('A', 'g1', ['t1']), consumer('B', 'g1', ['t1'])], []),
    ).toThrow('Two Kafka handlers for g1 ← t1: A and B');
  });

  it('should refuse to start when a declared topic has no handler', () => {
    expect(() => assertOneHandlerPerTopic([consumer('A', 'g1', ['t1'])], ['t1', 't9'])).toThrow(
      'No Kafka handler for declared topic(s): t9',
    );
  });
});

describe(KafkaLifecycle.name, () => {
  const withRunners = (...states: Array<{ state: string; error?: string; crashedForMs?: number }>) => {
    const lifecycle = Object.create(KafkaLifecycle.prototype) as KafkaLifecycle;
    (lifecycle as unknown as { runners: unknown[] }).runners = states.map((s, i) => ({
      status: () => ({ group: `g${i}`, ...s }),
    }));
    (lifecycle as unknown as { options: object }).options = {};
    return lifecycle;
  };

  it('should be ready only when every consumer runs, naming the others', async () => {
    await expect(withRunners({ state: 'running' }).assertConsuming()).resolves.toBeUndefined();
    await expect(
      withRunners({ state: 'running' }, { state: 'starting', error: 'ECONNREFUSED' }).assertConsuming(),
    ).rejects.toThrow('consumers not running: g1 starting');
  });

  it('should fail liveness while a consumer group is down after a crash, not while it is still joining', async () => {
    await expect(withRunners({ state: 'starting' }).assertAlive()).resolves.toBeUndefined();
    await expect(
      withRunners(
        { state: 'running' },
        { state: 'crashed', error: 'boom', crashedForMs: 30_000 },
      ).assertAlive(),
    ).rejects.toThrow('consumers crashed: g1 crashed');
  });

  it('should stay live while a crashed group is within the grace period kafkajs needs to restart it', async () => {
    await expect(
      withRunners({ state: 'crashed', error: 'ECONNREFUSED', crashedForMs: 5_000 }).assertAlive(),
    ).resolves.toBeUndefined();
  });
});
