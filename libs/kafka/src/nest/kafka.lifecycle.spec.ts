import { assertOneHandlerPerTopic } from './kafka.lifecycle';

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
