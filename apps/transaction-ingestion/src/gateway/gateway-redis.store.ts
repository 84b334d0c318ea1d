import { Inject, Injectable } from '@nestjs/common';
import { REDIS } from '@merchant-pulse/database';
import type Redis from 'ioredis';
import { TransactionIngestionConfig } from '../config/transaction-ingestion.config';

/** Redis memory of the gateway: used signatures (replay refusal) and Idempotency-Key answers. */
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
    const key = `pulse:ingest:sig:${acquirerId}:${signature}`;
    return (await this.redis.set(key, '1', 'EX', this.ttl, 'NX')) === 'OK';
  }

  async storedAnswer<T>(acquirerId: string, idempotencyKey: string): Promise<T | null> {
    const value = await this.redis.get(this.answerKey(acquirerId, idempotencyKey));
    return value === null ? null : (JSON.parse(value) as T);
  }

  async storeAnswer(acquirerId: string, idempotencyKey: string, answer: unknown): Promise<void> {
    await this.redis.set(
      this.answerKey(acquirerId, idempotencyKey),
      JSON.stringify(answer),
      'EX',
      this.ttl,
      'NX',
    );
  }

  private answerKey(acquirerId: string, idempotencyKey: string): string {
    return `pulse:ingest:idem:${acquirerId}:${idempotencyKey}`;
  }
}
