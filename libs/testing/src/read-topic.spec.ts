import { Kafka, KafkaJSProtocolError } from 'kafkajs';
import { topicMessageCount } from './read-topic';

function protocolError(type: string, retriable: boolean): KafkaJSProtocolError {
  const cause = Object.assign(new Error(type), { type, code: 6, retriable });
  return new KafkaJSProtocolError(cause);
}

/** A Kafka whose admins answer fetchTopicOffsets from a script: an error to throw or the offsets. */
function scriptedKafka(script: Array<Error | Array<{ high: string; low: string }>>) {
  const calls = { admins: 0, disconnects: 0 };
  const kafka = {
    admin: () => {
      calls.admins += 1;
      return {
        connect: async () => undefined,
        disconnect: async () => {
          calls.disconnects += 1;
        },
        fetchTopicOffsets: async () => {
          const next = script.shift();
          if (next === undefined) throw new Error('script exhausted');
          if (next instanceof Error) throw next;
          return next.map((o, partition) => ({ partition, offset: o.high, ...o }));
        },
      };
    },
  } as unknown as Kafka;
  return { kafka, calls };
}

describe(topicMessageCount.name, () => {
  it('should sum high minus low watermarks over the partitions', async () => {
    const { kafka, calls } = scriptedKafka([
      [
        { high: '10', low: '2' },
        { high: '5', low: '0' },
      ],
    ]);
    expect(await topicMessageCount(kafka, 't')).toBe(13);
    expect(calls).toEqual({ admins: 1, disconnects: 1 });
  });

  it('should retry a retriable broker error with a fresh admin', async () => {
    const { kafka, calls } = scriptedKafka([
      protocolError('NOT_LEADER_OR_FOLLOWER', true),
      protocolError('LEADER_NOT_AVAILABLE', true),
      [{ high: '7', low: '0' }],
    ]);
    expect(await topicMessageCount(kafka, 't')).toBe(7);
    expect(calls).toEqual({ admins: 3, disconnects: 3 });
  });

  it('should throw a non-retriable error at once', async () => {
    const { kafka, calls } = scriptedKafka([protocolError('TOPIC_AUTHORIZATION_FAILED', false)]);
    await expect(topicMessageCount(kafka, 't')).rejects.toThrow('TOPIC_AUTHORIZATION_FAILED');
    expect(calls.admins).toBe(1);
  });

  it('should give up after the last attempt', async () => {
    const { kafka, calls } = scriptedKafka([
      protocolError('NOT_LEADER_OR_FOLLOWER', true),
      protocolError('NOT_LEADER_OR_FOLLOWER', true),
    ]);
    await expect(topicMessageCount(kafka, 't', 2)).rejects.toThrow('NOT_LEADER_OR_FOLLOWER');
    expect(calls).toEqual({ admins: 2, disconnects: 2 });
  });
});
