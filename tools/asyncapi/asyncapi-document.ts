import {
  DEAD_LETTER_REASONS,
  DeadLetterHeaders,
  EVENT_EXAMPLES,
  EventRegistry,
  EventType,
  RAW_TRANSACTION_EXAMPLE,
  RawTransactionV1,
  Topics,
  allTopicSpecs,
  deadLetterTopicOf,
  eventTypesOf,
} from '@merchant-pulse/contracts';
import { JsonSchema, SCHEMA_REF_PREFIX } from './contract-schemas';
import type { ConsumerGroupDecl } from './consumer-groups';

const KAFKA_BINDING_VERSION = '0.5.0';
const EXAMPLE_EVENT_ID = '01958f3c-6a00-7000-8000-000000000001';
const KEY_BINDING = {
  kafka: {
    key: { type: 'string', description: 'merchantId (per-merchant order)' },
    bindingVersion: KAFKA_BINDING_VERSION,
  },
};

/** `merchant.lifecycle.dlq.v1` → `merchantLifecycleDlqV1`. */
export function channelIdOf(topic: string): string {
  return topic
    .split(/[._-]/)
    .map((part, index) => (index === 0 ? part : part[0].toUpperCase() + part.slice(1)))
    .join('');
}

const ref = (path: string) => ({ $ref: path });

function eventMessage(type: EventType): JsonSchema {
  const definition = EventRegistry[type];
  const payloadSchema = definition.payload.name;
  return {
    name: type,
    title: type,
    summary: definition.summary,
    description: `Produced by ${definition.producer} to ${definition.topic}; payload ${payloadSchema}, envelope version ${definition.version}.`,
    contentType: 'application/json',
    correlationId: { location: '$message.payload#/correlationId' },
    payload: {
      allOf: [
        ref(`${SCHEMA_REF_PREFIX}EventEnvelope`),
        {
          type: 'object',
          properties: {
            type: { const: type },
            version: { const: definition.version },
            payload: ref(`${SCHEMA_REF_PREFIX}${payloadSchema}`),
          },
        },
      ],
    },
    bindings: KEY_BINDING,
    examples: [
      {
        name: `${type}Example`,
        payload: {
          id: EXAMPLE_EVENT_ID,
          type,
          version: definition.version,
          occurredAt: '2026-03-10T03:00:00.000Z',
          producer: definition.producer,
          merchantId: 'M-000123',
          correlationId: EXAMPLE_EVENT_ID,
          payload: EVENT_EXAMPLES[type],
        },
      },
    ],
  };
}

const rawTransactionMessage = {
  name: 'RawTransaction',
  title: 'Raw acquirer transaction',
  summary: 'One card/QR transaction as the acquirer sent it (not wrapped in the event envelope).',
  contentType: 'application/json',
  payload: ref(`${SCHEMA_REF_PREFIX}${RawTransactionV1.name}`),
  bindings: KEY_BINDING,
  examples: [{ name: 'ApprovedCreditPurchase', payload: RAW_TRANSACTION_EXAMPLE }],
};

const headerDescriptions: Record<string, string> = {
  [DeadLetterHeaders.Reason]: 'Dead-letter reason code.',
  [DeadLetterHeaders.Detail]: 'Human-readable detail, at most 1000 characters.',
  [DeadLetterHeaders.OriginalTopic]: 'Topic the message was consumed from.',
  [DeadLetterHeaders.OriginalPartition]: 'Partition it was consumed from (decimal).',
  [DeadLetterHeaders.OriginalOffset]: 'Offset it was consumed at (int64 as decimal).',
  [DeadLetterHeaders.FailedAt]: 'When it was dead-lettered, ISO-8601 UTC.',
  [DeadLetterHeaders.ConsumerGroup]: 'Consumer group that gave up on it.',
};

const deadLetterMessage = {
  name: 'DeadLetter',
  title: 'Dead-lettered message',
  summary: 'A message that could not be processed: original key and bytes unchanged, metadata in headers.',
  contentType: 'application/octet-stream',
  headers: {
    type: 'object',
    required: Object.values(DeadLetterHeaders),
    properties: Object.fromEntries(
      Object.values(DeadLetterHeaders).map((name) => [
        name,
        name === DeadLetterHeaders.Reason
          ? { type: 'string', enum: [...DEAD_LETTER_REASONS], description: headerDescriptions[name] }
          : { type: 'string', description: headerDescriptions[name] },
      ]),
    ),
  },
  payload: { description: 'The original message value, byte for byte (may be invalid JSON or empty).' },
  bindings: KEY_BINDING,
};

function messagesOf(topic: string): Record<string, JsonSchema> {
  if (topic === Topics.AcquirerTransactions)
    return { RawTransaction: ref('#/components/messages/RawTransaction') };
  if (topic.includes('.dlq.')) return { DeadLetter: ref('#/components/messages/DeadLetter') };
  return Object.fromEntries(eventTypesOf(topic).map((type) => [type, ref(`#/components/messages/${type}`)]));
}

function channelDescription(topic: string): string {
  const main = allTopicSpecs().find((spec) => deadLetterTopicOf(spec.topic) === topic)?.topic;
  if (main)
    return `Dead-letter twin of ${main}: messages its consumers could not process, with the reason in headers.`;
  if (topic === Topics.AcquirerTransactions) return 'Raw acquirer transactions, keyed by merchantId.';
  const producers = [...new Set(eventTypesOf(topic).map((type) => EventRegistry[type].producer))];
  return `Events produced by ${producers.join(', ')}, keyed by merchantId.`;
}

function channels(): Record<string, JsonSchema> {
  return Object.fromEntries(
    allTopicSpecs().map(({ topic, numPartitions }) => [
      channelIdOf(topic),
      {
        address: topic,
        description: channelDescription(topic),
        messages: messagesOf(topic),
        bindings: { kafka: { topic, partitions: numPartitions, bindingVersion: KAFKA_BINDING_VERSION } },
      },
    ]),
  );
}

function operations(): Record<string, JsonSchema> {
  return Object.fromEntries(
    allTopicSpecs().map(({ topic }) => {
      const channelId = channelIdOf(topic);
      const messageRefs = Object.keys(messagesOf(topic)).map((id) =>
        ref(`#/channels/${channelId}/messages/${id}`),
      );
      return [
        `publish${channelId[0].toUpperCase()}${channelId.slice(1)}`,
        {
          action: 'send',
          channel: ref(`#/channels/${channelId}`),
          summary: channelDescription(topic),
          messages: messageRefs,
        },
      ];
    }),
  );
}

const pascal = (id: string) =>
  id
    .split(/[._-]/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');

/** `receive` operation id of one consumer group on one topic, e.g. `receiveChurnScoringActivityMerchantActivityV1`. */
export function receiveOperationIdOf(groupId: string, topic: string): string {
  return `receive${pascal(groupId)}${pascal(channelIdOf(topic))}`;
}

/** One `receive` operation per (consumer group, topic) of the apps' `@KafkaBatchConsumer` classes. */
function receiveOperations(consumers: ConsumerGroupDecl[]): Record<string, JsonSchema> {
  const known = new Set(allTopicSpecs().map((spec) => spec.topic));
  return Object.fromEntries(
    consumers.flatMap((consumer) =>
      consumer.topics.map((topic) => {
        if (!known.has(topic))
          throw new Error(
            `${consumer.file}: consumer group ${consumer.groupId} reads ${topic}, which is no topic of libs/contracts`,
          );
        const channelId = channelIdOf(topic);
        const dlq = topic.includes('.dlq.') ? undefined : deadLetterTopicOf(topic);
        return [
          receiveOperationIdOf(consumer.groupId, topic),
          {
            action: 'receive',
            channel: ref(`#/channels/${channelId}`),
            summary: `Consumer group ${consumer.groupId} (${consumer.service}) reads ${topic}.`,
            description:
              `${consumer.description ?? consumer.className} (${consumer.className}, ${consumer.file}). ` +
              `Batches are applied in one database transaction each; offsets are committed after it commits` +
              (dlq ? `; a message that cannot be processed is dead-lettered to ${dlq}.` : '.') +
              ' The group id is logical: deployments may prefix it.',
            messages: Object.keys(messagesOf(topic)).map((id) =>
              ref(`#/channels/${channelId}/messages/${id}`),
            ),
            bindings: {
              kafka: {
                groupId: { type: 'string', enum: [consumer.groupId] },
                bindingVersion: KAFKA_BINDING_VERSION,
              },
            },
          },
        ];
      }),
    ),
  );
}

/**
 * The AsyncAPI 3.0.0 document of merchant-pulse, from the event registry and the contract schemas:
 * a `send` operation per topic and a `receive` operation per consumer group and topic it reads.
 */
export function buildAsyncApiDocument(
  schemas: Record<string, JsonSchema>,
  consumers: ConsumerGroupDecl[] = [],
): JsonSchema {
  const eventMessages = Object.fromEntries(
    Object.keys(EventRegistry).map((type) => [type, eventMessage(type as EventType)]),
  );
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'merchant-pulse events',
      version: '1.0.0',
      description:
        'Kafka contracts of merchant-pulse, generated from libs/contracts (do not edit: run npm run asyncapi). ' +
        'Every message is keyed by merchantId. Every event is wrapped in the EventEnvelope ' +
        '(id UUIDv7, type, version, occurredAt UTC, producer, merchantId, correlationId?, causationId?, payload); ' +
        'raw acquirer transactions are not. Amounts are integer fen, rates basis points. ' +
        'A message that cannot be processed goes, unchanged, to the dead-letter twin of its topic with x-dlq-* headers.',
    },
    defaultContentType: 'application/json',
    servers: {
      local: {
        host: '127.0.0.1:9092',
        protocol: 'kafka',
        description: 'Local single-node KRaft broker (KAFKA_BROKERS default).',
      },
    },
    channels: channels(),
    operations: { ...operations(), ...receiveOperations(consumers) },
    components: {
      messages: { ...eventMessages, RawTransaction: rawTransactionMessage, DeadLetter: deadLetterMessage },
      schemas,
    },
  };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

/** Pretty JSON with every key sorted below the top level (whose order is AsyncAPI's), ending in a newline. */
export function renderAsyncApi(document: JsonSchema): string {
  const ordered = Object.fromEntries(Object.entries(document).map(([key, value]) => [key, sortKeys(value)]));
  return `${JSON.stringify(ordered, null, 2)}\n`;
}
