import { Inject, Injectable } from '@nestjs/common';
import type { OutreachChannel } from '@merchant-pulse/contracts';
import { REDIS } from '@merchant-pulse/database';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { ReactivationCampaignsConfig } from '../config/reactivation-campaigns.config';

/**
 * Admits one hand-over if fewer than `limit` were admitted in the last `window` ms (Redis server time, so
 * every replica shares one clock); otherwise answers how many ms until the oldest one leaves the window.
 */
const ADMIT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window * 2)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now + 1)
`;

const WINDOW_MS = 1000;

/**
 * The exact per-channel rate limit: at most OUTREACH_<CHANNEL>_PER_SECOND hand-overs in ANY sliding second,
 * across replicas. BullMQ's limiter (fixed windows) throttles the workers coarsely and can let up to twice
 * the limit through across a window boundary; this gate, taken right before the hand-over, holds the line.
 */
@Injectable()
export class ChannelRateGate {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: ReactivationCampaignsConfig,
  ) {}

  limitOf(channel: OutreachChannel): number {
    if (channel === 'sms') return this.config.OUTREACH_SMS_PER_SECOND;
    if (channel === 'email') return this.config.OUTREACH_EMAIL_PER_SECOND;
    return this.config.OUTREACH_PHONE_TASK_PER_SECOND;
  }

  /** Waits until the channel admits one more hand-over. */
  async acquire(channel: OutreachChannel): Promise<void> {
    const key = `${this.config.OUTREACH_QUEUE_PREFIX}:outreach-rate:${channel}`;
    for (;;) {
      const waitMs = Number(
        await this.redis.eval(ADMIT, 1, key, WINDOW_MS, this.limitOf(channel), randomUUID()),
      );
      if (waitMs === 0) return;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}
