import { IHeaders, Kafka, KafkaJSProtocolError } from 'kafkajs';

export interface ReadMessage {
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

/**
 * Reads a topic from the beginning until `count` messages arrived (or the timeout passes) with a
 * throwaway consumer group; for asserting what a service published.
 */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  { count, timeoutMs = 20_000 }: { count: number; timeoutMs?: number },
): Promise<ReadMessage[]> {
  const consumer = kafka.consumer({
    groupId: `reader-${topic}-${Date.now()}-${Math.random()}`,
    maxWaitTimeInMs: 100,
  });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      void consumer.run({
        eachMessage: async ({ partition, message }) => {
          messages.push({
            partition,
            offset: message.offset,
            key: message.key?.toString() ?? null,
            value: message.value,
            headers: stringHeaders(message.headers),
          });
          if (messages.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
}

/**
 * Sum of (high watermark − low watermark) over a topic's partitions: how many messages it holds.
 * kafkajs' admin retries fetchTopicOffsets only on UNKNOWN_TOPIC_OR_PARTITION and gives up on every
 * other error, retriable ones included (a ListOffsets refused while the broker moves leadership or
 * deletes other runs' topics failed a CI run once); those are retried here with fresh metadata.
 */
export async function topicMessageCount(kafka: Kafka, topic: string, attempts = 8): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(topic);
      return offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0);
    } catch (error) {
      if (!isRetriable(error) || attempt + 1 >= attempts) throw error;
    } finally {
      await admin.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 100 * 2 ** attempt)));
  }
}

/** A broker error Kafka itself marks as retriable (leadership moving, offsets not yet available). */
function isRetriable(error: unknown): boolean {
  return error instanceof KafkaJSProtocolError && error.retriable;
}

function stringHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (v !== undefined) out[k] = Array.isArray(v) ? v.map(String).join(',') : String(v);
  }
  return out;
}
