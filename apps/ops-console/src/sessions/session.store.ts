import { Injectable } from '@nestjs/common';
import { ConsoleRole } from '@merchant-pulse/config';
import { createHmac, randomBytes } from 'node:crypto';
import { OpsConsoleConfig } from '../config/ops-console.config';
import { ConsoleRedis } from '../redis/console-redis';

/** A signed-in session as kept in Redis. */
export interface ConsoleSession {
  username: string;
  role: ConsoleRole;
  csrfToken: string;
  /** Epoch ms of sign-in. */
  createdAt: number;
}

/**
 * How long a session used at `nowMs` stays alive: the idle time again (sliding), but never past its
 * maximum age counted from sign-in; 0 or less means it has ended.
 */
export function nextSessionTtlMs(
  createdAtMs: number,
  nowMs: number,
  limits: { idleSeconds: number; maxSeconds: number },
): number {
  const remainingMs = createdAtMs + limits.maxSeconds * 1000 - nowMs;
  return Math.min(limits.idleSeconds * 1000, remainingMs);
}

/** A session id: 256 random bits, base64url. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/**
 * Server-side sessions in Redis. The cookie carries a random 256-bit id; Redis keys are its HMAC under
 * `SESSION_SECRET`, so a copy of Redis holds no usable cookie. Each read slides the idle expiry, never
 * past the session's maximum age.
 */
@Injectable()
export class SessionStore {
  constructor(
    private readonly redis: ConsoleRedis,
    private readonly config: OpsConsoleConfig,
  ) {}

  /** Creates a session and returns its id (for the cookie) and the session. */
  async create(username: string, role: ConsoleRole): Promise<{ id: string; session: ConsoleSession }> {
    const id = randomBytes(32).toString('base64url');
    const session: ConsoleSession = {
      username,
      role,
      csrfToken: randomBytes(32).toString('base64url'),
      createdAt: Date.now(),
    };
    const ttlMs = nextSessionTtlMs(session.createdAt, session.createdAt, {
      idleSeconds: this.config.SESSION_IDLE_SECONDS,
      maxSeconds: this.config.SESSION_MAX_SECONDS,
    });
    await this.redis.client.set(this.keyOf(id), JSON.stringify(session), 'PX', ttlMs);
    return { id, session };
  }

  /** The live session of `id` (its idle expiry renewed), or undefined. */
  async touch(id: string | undefined): Promise<ConsoleSession | undefined> {
    if (id === undefined || !SESSION_ID.test(id)) return undefined;
    const key = this.keyOf(id);
    const raw = await this.redis.client.get(key);
    if (raw === null) return undefined;
    const session = JSON.parse(raw) as ConsoleSession;
    const ttlMs = nextSessionTtlMs(session.createdAt, Date.now(), {
      idleSeconds: this.config.SESSION_IDLE_SECONDS,
      maxSeconds: this.config.SESSION_MAX_SECONDS,
    });
    if (ttlMs <= 0) {
      await this.redis.client.del(key);
      return undefined;
    }
    await this.redis.client.pexpire(key, ttlMs);
    return session;
  }

  /** Ends the session (sign-out). */
  async destroy(id: string): Promise<void> {
    if (SESSION_ID.test(id)) await this.redis.client.del(this.keyOf(id));
  }

  private keyOf(id: string): string {
    return this.redis.key(
      'session',
      createHmac('sha256', this.config.SESSION_SECRET).update(id).digest('hex'),
    );
  }
}
