import { Inject, Injectable } from '@nestjs/common';
import type { OutreachChannel } from '@merchant-pulse/contracts';
import { REDIS } from '@merchant-pulse/database';
import type Redis from 'ioredis';
import { ReactivationCampaignsConfig } from '../config/reactivation-campaigns.config';

/**
 * GCRA without burst: admits one hand-over when the channel's theoretical arrival time (TAT) has come and
 * moves it one interval (1 s / limit) ahead, so admissions are evenly spaced and no sliding second ever
 * holds more than the limit; otherwise answers how many ms to wait. Redis server time (microseconds), so
 * every replica shares one clock. (A sliding-window counter admitted the whole limit at once at each
 * window edge, and any measurement jitter then saw two bursts in one second.)
 */
const ADMIT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat <= now then
  redis.call('SET', KEYS[1], string.format('%.0f', now + interval), 'PX', 60000)
  return 0
end
return math.ceil((tat - now) / 1000)
`;

/**
 * The exact per-channel rate limit: at most OUTREACH_<CHANNEL>_PER_SECOND hand-overs in any sliding second,
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
      const intervalMicros = Math.ceil(1_000_000 / this.limitOf(channel));
      const waitMs = Number(await this.redis.eval(ADMIT, 1, key, intervalMicros));
      if (waitMs === 0) return;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}
