import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { OpsConsoleConfig } from '../config/ops-console.config';

/** The console's one Redis connection (sessions, sign-in limits, audit) and its key prefix. */
@Injectable()
export class ConsoleRedis implements OnApplicationShutdown {
  readonly client: Redis;
  readonly prefix: string;

  constructor(config: OpsConsoleConfig) {
    // lazyConnect: OpenAPI generation builds the module graph without ever touching Redis.
    this.client = new Redis(config.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 2 });
    this.prefix = config.CONSOLE_REDIS_PREFIX;
  }

  key(...parts: string[]): string {
    return `${this.prefix}${parts.join(':')}`;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.client.status !== 'end' && this.client.status !== 'wait') await this.client.quit();
    else this.client.disconnect();
  }
}
