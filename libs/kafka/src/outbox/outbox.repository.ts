import { EntityManager } from 'typeorm';

/** An outbox row as the relay publishes it. */
export interface OutboxRow {
  seq: string;
  topic: string;
  message_key: string;
  value: string;
  headers: Record<string, string>;
}

/** A candidate row of a claim: `claimed` is false when another relay holds (or just published) it. */
export interface ClaimCandidate extends Partial<OutboxRow> {
  seq: string;
  message_key: string;
  claimed: boolean;
}

/** A row that can never be published and why. */
export interface FailedOutboxRow {
  seq: string;
  error: string;
}

/**
 * Keeps per-key order when several relays claim at once: of the claim's candidates (the oldest
 * unpublished rows, in seq order) a row is published only when every older candidate of its key was
 * claimed by this transaction too. A key whose older row is held by another relay (skipped by
 * SKIP LOCKED) or was published meanwhile waits for the next round, so it never overtakes.
 */
export function claimablePrefix(candidates: readonly ClaimCandidate[]): OutboxRow[] {
  const blocked = new Set<string>();
  const rows: OutboxRow[] = [];
  for (const candidate of candidates) {
    if (blocked.has(candidate.message_key)) continue;
    if (!candidate.claimed) {
      blocked.add(candidate.message_key);
      continue;
    }
    const { seq, topic, message_key, value, headers } = candidate as ClaimCandidate & OutboxRow;
    rows.push({ seq, topic, message_key, value, headers });
  }
  return rows;
}

/** The outbox's SQL; every call runs in the caller's transaction (the claim's). */
export const outboxRepository = {
  /** Locks up to `limit` of the oldest unpublished rows (`FOR UPDATE SKIP LOCKED`) and returns those safe to publish. */
  async claim(tx: EntityManager, limit: number): Promise<OutboxRow[]> {
    const candidates: ClaimCandidate[] = await tx.query(
      `WITH candidates AS MATERIALIZED (
         SELECT seq, message_key FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1
       ), claimed AS (
         SELECT o.seq, o.topic, o.value, o.headers FROM outbox o
          WHERE o.seq IN (SELECT seq FROM candidates) AND o.published_at IS NULL
          FOR UPDATE SKIP LOCKED
       )
       SELECT c.seq, c.message_key, cl.topic, cl.value, cl.headers, cl.seq IS NOT NULL AS claimed
         FROM candidates c LEFT JOIN claimed cl ON cl.seq = c.seq
        ORDER BY c.seq`,
      [limit],
    );
    return claimablePrefix(candidates);
  },

  async markPublished(tx: EntityManager, seqs: string[]): Promise<void> {
    if (seqs.length === 0) return;
    await tx.query(
      `UPDATE outbox SET published_at = now(), attempts = attempts + 1, last_error = NULL
        WHERE seq = ANY($1::bigint[])`,
      [seqs],
    );
  },

  /** A transient failure: the rows stay pending, with the attempt and the error on record. */
  async recordAttempt(tx: EntityManager, seqs: string[], error: string): Promise<void> {
    if (seqs.length === 0) return;
    await tx.query(
      `UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE seq = ANY($1::bigint[])`,
      [seqs, error],
    );
  },

  /** Moves rows that can never be published to `outbox_failed`, with their error. */
  async moveToFailed(tx: EntityManager, failed: FailedOutboxRow[]): Promise<void> {
    if (failed.length === 0) return;
    await tx.query(
      `WITH failed AS (SELECT * FROM unnest($1::bigint[], $2::text[]) AS f(seq, error)),
       moved AS (
         DELETE FROM outbox o USING failed f WHERE o.seq = f.seq
         RETURNING o.seq, o.event_id, o.topic, o.message_key, o.event_type, o.value, o.headers,
                   o.created_at, o.attempts, f.error
       )
       INSERT INTO outbox_failed
         (seq, event_id, topic, message_key, event_type, value, headers, created_at, attempts, last_error)
       SELECT seq, event_id, topic, message_key, event_type, value, headers, created_at, attempts + 1, error
         FROM moved
       ON CONFLICT (seq) DO UPDATE SET last_error = EXCLUDED.last_error, failed_at = now()`,
      [failed.map((f) => f.seq), failed.map((f) => f.error)],
    );
  },

  async pendingCount(tx: EntityManager): Promise<number> {
    const [row] = await tx.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
    return row.n as number;
  },
};
