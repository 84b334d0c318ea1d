import { Injectable } from '@nestjs/common';
import { OpsConsoleConfig } from '../config/ops-console.config';
import { ConsoleRedis } from '../redis/console-redis';

/** How a sign-in attempt ended. */
export type SignInOutcome = 'success' | 'failure' | 'rate_limited';
export const SIGN_IN_OUTCOMES: readonly SignInOutcome[] = ['success', 'failure', 'rate_limited'];

/** One audited sign-in attempt. */
export interface SignInAuditEntry {
  outcome: SignInOutcome;
  /** The username as typed (trimmed, lowercased, at most 64 characters), known or not. */
  username: string;
  ip: string;
  userAgent: string;
  /** ISO-8601 UTC. */
  at: string;
}

/** A stored entry with its stream id. */
export interface SignInAuditRecord extends SignInAuditEntry {
  id: string;
}

/**
 * The sign-in audit: a Redis stream capped at about `SIGN_IN_AUDIT_MAX_ENTRIES` (oldest trimmed),
 * shared by every replica. The log line and the metric are written by the caller.
 */
@Injectable()
export class SignInAuditRepository {
  constructor(
    private readonly redis: ConsoleRedis,
    private readonly config: OpsConsoleConfig,
  ) {}

  async append(entry: SignInAuditEntry): Promise<void> {
    await this.redis.client.xadd(
      this.redis.key('audit', 'sign-ins'),
      'MAXLEN',
      '~',
      this.config.SIGN_IN_AUDIT_MAX_ENTRIES,
      '*',
      'outcome',
      entry.outcome,
      'username',
      entry.username,
      'ip',
      entry.ip,
      'userAgent',
      entry.userAgent,
      'at',
      entry.at,
    );
  }

  /** The newest entries first, at most `limit`, optionally only those of `username`. */
  async list(limit: number, username?: string): Promise<SignInAuditRecord[]> {
    const key = this.redis.key('audit', 'sign-ins');
    const out: SignInAuditRecord[] = [];
    let end = '+';
    // Filtering by username walks the stream newest-first in pages until enough entries match.
    for (let pages = 0; out.length < limit && pages < 50; pages += 1) {
      const page = await this.redis.client.xrevrange(key, end, '-', 'COUNT', 500);
      for (const [id, fields] of page) {
        const record = toRecord(id, fields);
        if (username === undefined || record.username === username) out.push(record);
        if (out.length >= limit) break;
      }
      if (page.length < 500) break;
      end = `(${page[page.length - 1][0]}`;
    }
    return out;
  }
}

function toRecord(id: string, fields: string[]): SignInAuditRecord {
  const map = new Map<string, string>();
  for (let i = 0; i + 1 < fields.length; i += 2) map.set(fields[i], fields[i + 1]);
  return {
    id,
    outcome: (map.get('outcome') ?? 'failure') as SignInOutcome,
    username: map.get('username') ?? '',
    ip: map.get('ip') ?? '',
    userAgent: map.get('userAgent') ?? '',
    at: map.get('at') ?? '',
  };
}
