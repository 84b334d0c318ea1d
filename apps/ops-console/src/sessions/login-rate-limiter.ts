import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { OpsConsoleConfig } from '../config/ops-console.config';
import { ConsoleRedis } from '../redis/console-redis';
import { FailureCounter, SignInLimitDecision, judgeSignInAttempt } from './login-rate-limit';

/**
 * Sign-in rate limit in Redis (shared by every replica): fixed windows of `LOGIN_WINDOW_SECONDS`
 * counting attempts per username and per client IP. An attempt is counted before the password is
 * checked (so parallel guesses cannot slip past the limit); a successful sign-in takes its attempt
 * back and clears the username's counter.
 */
@Injectable()
export class LoginRateLimiter {
  constructor(
    private readonly redis: ConsoleRedis,
    private readonly config: OpsConsoleConfig,
  ) {}

  async attempt(username: string, ip: string): Promise<SignInLimitDecision> {
    const [userKey, ipKey] = this.keys(username, ip);
    const windowMs = this.config.LOGIN_WINDOW_SECONDS * 1000;
    const replies = await this.redis.client
      .multi()
      .set(userKey, '0', 'PX', windowMs, 'NX')
      .incr(userKey)
      .pttl(userKey)
      .set(ipKey, '0', 'PX', windowMs, 'NX')
      .incr(ipKey)
      .pttl(ipKey)
      .exec();
    const value = (i: number): number => Number(replies?.[i]?.[1] ?? 0);
    const counter = (i: number): FailureCounter => ({ count: value(i), ttlMs: value(i + 1) });
    return judgeSignInAttempt(
      { username: counter(1), ip: counter(4) },
      {
        perUsername: this.config.LOGIN_MAX_FAILURES_PER_USERNAME,
        perIp: this.config.LOGIN_MAX_FAILURES_PER_IP,
        windowSeconds: this.config.LOGIN_WINDOW_SECONDS,
      },
    );
  }

  /** A successful sign-in: the username starts afresh and the IP's attempt is not held against it. */
  async succeeded(username: string, ip: string): Promise<void> {
    const [userKey, ipKey] = this.keys(username, ip);
    await this.redis.client.multi().del(userKey).decr(ipKey).exec();
  }

  private keys(username: string, ip: string): [string, string] {
    // Hashed: usernames as typed (any bytes) and IPv6 colons stay out of the key syntax.
    const h = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);
    return [this.redis.key('login', 'user', h(username)), this.redis.key('login', 'ip', h(ip))];
  }
}
