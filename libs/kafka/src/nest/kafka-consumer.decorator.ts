import { SetMetadata } from '@nestjs/common';
import {
  ChunkContext,
  ChunkHandler,
  MessageMeta,
  ParseResult,
  Rejection,
  ValidItem,
} from '../consumer/consumer.types';
import { OffsetFenceStore } from '../consumer/offset-fence';

export const KAFKA_BATCH_CONSUMER = Symbol('merchant-pulse:kafka-batch-consumer');

/** Where a consumer class reads from. */
export interface KafkaBatchConsumerSpec {
  /** Logical consumer group, e.g. `churn-scoring.activity`. */
  groupId: string;
  /** Logical topics (from `Topics`). */
  topics: string[];
  /** Messages per transaction (default 1000). */
  chunkSize?: number;
  /** Partitions processed concurrently by one instance (default 1). */
  partitionsConsumedConcurrently?: number;
}

/** What a consumer class implements: a non-throwing parser and a chunk handler. */
export interface KafkaBatchHandler<T> {
  parse(raw: Buffer | null, meta: MessageMeta): ParseResult<T>;
  handle: ChunkHandler<T>;
  /** Optional offset fence, for handlers whose effects are not idempotent on their own. */
  readonly fence?: OffsetFenceStore;
  /** With `fence`: the rule rejections of valid messages the fence says were applied (re-published). */
  replayed?(items: ValidItem<T>[], context: ChunkContext): Promise<Rejection[]>;
}

/**
 * Declares a provider as the batch consumer of its topics; the module discovers it at boot. Two
 * handlers for one (group, topic), or a topic the module was told to consume with no handler,
 * refuse to start.
 */
export const KafkaBatchConsumer = (spec: KafkaBatchConsumerSpec): ClassDecorator =>
  SetMetadata(KAFKA_BATCH_CONSUMER, spec);
