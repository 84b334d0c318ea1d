import { CompressionTypes, Kafka, logLevel, Partitioners } from 'kafkajs';

/** Plain kafkajs client for the bench's own producing (the service uses the project's EventProducer). */
export function benchKafka(brokers: string[]): Kafka {
  return new Kafka({ clientId: 'ingest-bench', brokers, logLevel: logLevel.NOTHING });
}

/** Produces messages in batches of 5,000, a few batches in flight, acks from all replicas. */
export async function produceAll(
  kafka: Kafka,
  topic: string,
  messages: Array<{ key: string; value: string }>,
): Promise<void> {
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  try {
    const batches: Array<Array<{ key: string; value: string }>> = [];
    for (let i = 0; i < messages.length; i += 5_000) batches.push(messages.slice(i, i + 5_000));
    for (let i = 0; i < batches.length; i += 4) {
      await Promise.all(
        batches
          .slice(i, i + 4)
          .map((b) => producer.send({ topic, acks: -1, compression: CompressionTypes.None, messages: b })),
      );
    }
  } finally {
    await producer.disconnect();
  }
}

/** Produces `perSecond` messages a second (in 100 ms slices) until `messages` is exhausted. */
export async function produceAtRate(
  kafka: Kafka,
  topic: string,
  messages: Array<{ key: string; value: string }>,
  perSecond: number,
): Promise<void> {
  const producer = kafka.producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  try {
    const slice = Math.max(1, Math.round(perSecond / 10));
    const start = Date.now();
    for (let i = 0, tick = 0; i < messages.length; i += slice, tick++) {
      const due = start + tick * 100;
      if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
      const batch = messages.slice(i, i + slice).map((m) => ({ ...m, timestamp: String(Date.now()) }));
      await producer.send({ topic, acks: -1, compression: CompressionTypes.None, messages: batch });
    }
  } finally {
    await producer.disconnect();
  }
}
