import { Inject, Injectable } from '@nestjs/common';
import { REDIS } from '@merchant-pulse/database';
import type Redis from 'ioredis';
import { TransactionIngestionConfig } from '../config/transaction-ingestion.config';
import { SIGNATURE_TOLERANCE_MS } from './acquirer-signature';
import { StoredBatchAnswer } from './batch-answer.codec';

/**
 * How long a used signature is remembered: a timestamp is accepted from 5 minutes before to 5 minutes
 * after it, so after 10 minutes (plus a minute of slack) the timestamp check refuses the replay itself.
 */
export const SIGNATURE_MEMORY_SECONDS = (2 * SIGNATURE_TOLERANCE_MS) / 1000 + 60;

/**
 * How long an Idempotency-Key stays "in progress" when its request dies before answering (a crash):
 * longer than a produce can take with all its retries, short enough for the client's retry to get in.
 */
export const IDEMPOTENCY_PENDING_SECONDS = 120;

/** What an Idempotency-Key holds: the hash of the body it was first used with, and its answer once sent. */
export type IdempotencyRecord =
  { state: 'pending'; bodySha256: string } | { state: 'done'; bodySha256: string; answer: StoredBatchAnswer };

// Deletes KEYS[1] only while it still holds ARGV[1]: a request releases its own claim, never a newer one.
const RELEASE_IF_UNCHANGED = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * Redis memory of the gateway: used signatures (replay refusal) and Idempotency-Key answers. Every key
 * has a TTL and a bounded value (signature keys ~150 B for {@link SIGNATURE_MEMORY_SECONDS}; answers
 * at most `MAX_STORED_ANSWER_BYTES`, typically ~100 B, for `IDEMPOTENCY_TTL_SECONDS`), so the gateway
 * can share the `noeviction` Redis BullMQ needs (README, "Redis memory").
 */
@Injectable()
export class GatewayRedisStore {
  private readonly ttl: number;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    config: TransactionIngestionConfig,
  ) {
    this.ttl = config.IDEMPOTENCY_TTL_SECONDS;
  }

  /** True the first time a signature is seen (SET NX); false for a replay. */
  async claimSignature(acquirerId: string, signature: string): Promise<boolean> {
    const key = this.signatureKey(acquirerId, signature);
    return (await this.redis.set(key, '1', 'EX', SIGNATURE_MEMORY_SECONDS, 'NX')) === 'OK';
  }

  /** Forgets a claimed signature whose batch was not written, so the client's retry is not a "replay". */
  async releaseSignature(acquirerId: string, signature: string): Promise<void> {
    await this.redis.del(this.signatureKey(acquirerId, signature));
  }

  /**
   * Binds an Idempotency-Key to a body hash (in progress). Returns null when this request now owns the
   * key, or what the key already holds (another body, a request in progress, or the stored answer).
   */
  async claimIdempotencyKey(
    acquirerId: string,
    idempotencyKey: string,
    bodySha256: string,
  ): Promise<IdempotencyRecord | null> {
    const key = this.answerKey(acquirerId, idempotencyKey);
    const pending = JSON.stringify({ state: 'pending', bodySha256 } satisfies IdempotencyRecord);
    for (let attempt = 0; attempt < 3; attempt++) {
      if ((await this.redis.set(key, pending, 'EX', IDEMPOTENCY_PENDING_SECONDS, 'NX')) === 'OK') return null;
      const held = await this.redis.get(key);
      // Expired between SET and GET: claim again.
      if (held !== null) return JSON.parse(held) as IdempotencyRecord;
    }
    throw new Error(`Idempotency-Key ${idempotencyKey} keeps expiring while being claimed`);
  }

  /** Stores the compact answer of a claimed key for `IDEMPOTENCY_TTL_SECONDS`. */
  async completeIdempotencyKey(
    acquirerId: string,
    idempotencyKey: string,
    bodySha256: string,
    answer: StoredBatchAnswer,
  ): Promise<void> {
    const record: IdempotencyRecord = { state: 'done', bodySha256, answer };
    await this.redis.set(this.answerKey(acquirerId, idempotencyKey), JSON.stringify(record), 'EX', this.ttl);
  }

  /** Gives up a claimed key that got no answer (nothing written), so the client may retry with it. */
  async releaseIdempotencyKey(acquirerId: string, idempotencyKey: string, bodySha256: string): Promise<void> {
    const pending = JSON.stringify({ state: 'pending', bodySha256 } satisfies IdempotencyRecord);
    await this.redis.eval(RELEASE_IF_UNCHANGED, 1, this.answerKey(acquirerId, idempotencyKey), pending);
  }

  private signatureKey(acquirerId: string, signature: string): string {
    return `pulse:ingest:sig:${acquirerId}:${signature}`;
  }

  private answerKey(acquirerId: string, idempotencyKey: string): string {
    return `pulse:ingest:idem:${acquirerId}:${idempotencyKey}`;
  }
}
