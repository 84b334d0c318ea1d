import type { DeadLetterReason } from '@merchant-pulse/contracts';
import { IHeaders } from 'kafkajs';
import { EntityManager } from 'typeorm';

/** Where a message came from, kept with it through the pipeline (and into the dead-letter headers). */
export interface MessageMeta {
  /** Logical topic (without the deployment prefix). */
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  timestamp: string;
  headers: IHeaders;
  /** The original bytes, republished unchanged to the dead-letter topic if the message is rejected. */
  raw: Buffer | null;
}

export type ParseResult<T> =
  { ok: true; value: T } | { ok: false; reason: DeadLetterReason; detail?: string };

/** A message that parsed. */
export interface ValidItem<T> {
  value: T;
  meta: MessageMeta;
}

/** A message that did not parse, with the parser's reason code. */
export interface InvalidItem {
  meta: MessageMeta;
  reason: DeadLetterReason;
  detail?: string;
}

/** A valid message the handler refused on business grounds (e.g. unknown merchant). */
export interface Rejection {
  meta: MessageMeta;
  reason: DeadLetterReason;
  detail?: string;
}

export interface ChunkContext {
  /** The transaction the whole chunk commits in; effects, inbox and accounting go through it. */
  manager: EntityManager;
  /**
   * True when this is a part of a chunk being bisected to isolate a poison message: the handler runs
   * again in the same transaction, inside a savepoint that is rolled back if the part fails.
   */
  isolated: boolean;
}

/**
 * Applies one chunk in one transaction — or, while a poison message is being isolated, a part of it
 * (several calls in the same transaction, each in its own savepoint). Invalid items are passed in so
 * the handler can count them (accounting in the same transaction); the runner dead-letters them after
 * the commit. The handler returns the valid items it rejected, which are dead-lettered the same way.
 */
export type ChunkHandler<T> = (
  chunk: { valid: ValidItem<T>[]; invalid: InvalidItem[] },
  context: ChunkContext,
) => Promise<Rejection[] | void>;
