import { Injectable } from '@nestjs/common';
import type { TerminalHealthKind } from '@merchant-pulse/contracts';
import { EntityManager } from 'typeorm';
import { OpenEpisode, TerminalWindowStats } from './terminal-health.evaluator';

/** Reads the detector's input from terminal_activity and keeps the open episodes. */
@Injectable()
export class TerminalHealthRepository {
  /**
   * Window totals of every terminal seen in the look-back (rates over `windowMs`, silence over the
   * look-back), with whether its merchant traded on another terminal within `silentMs`.
   */
  async windowStats(
    manager: EntityManager,
    nowMs: number,
    windowMs: number,
    silentMs: number,
  ): Promise<TerminalWindowStats[]> {
    const rows: Array<Record<string, unknown>> = await manager.query(
      `WITH recent AS (
         SELECT terminal_id, merchant_id,
                sum(total) FILTER (WHERE bucket_start >= $2) AS total,
                sum(declines) FILTER (WHERE bucket_start >= $2) AS declines,
                sum(read_failures) FILTER (WHERE bucket_start >= $2) AS read_failures,
                max(last_tx_at) AS last_tx_at
           FROM terminal_activity WHERE bucket_start >= $3 AND bucket_start <= $1
          GROUP BY terminal_id, merchant_id)
       SELECT r.*, EXISTS (SELECT 1 FROM recent o WHERE o.merchant_id = r.merchant_id
                            AND o.terminal_id <> r.terminal_id AND o.last_tx_at >= $4) AS elsewhere
         FROM recent r`,
      [
        new Date(nowMs),
        new Date(nowMs - windowMs),
        new Date(nowMs - 2 * silentMs),
        new Date(nowMs - silentMs),
      ],
    );
    return rows.map((r) => ({
      terminalId: r.terminal_id as string,
      merchantId: r.merchant_id as string,
      total: Number(r.total ?? 0),
      declines: Number(r.declines ?? 0),
      readFailures: Number(r.read_failures ?? 0),
      lastTxAtMs: new Date(r.last_tx_at as Date).getTime(),
      merchantTradesElsewhere: r.elsewhere as boolean,
    }));
  }

  async openEpisodes(manager: EntityManager): Promise<OpenEpisode[]> {
    const rows: Array<Record<string, unknown>> = await manager.query(
      `SELECT * FROM terminal_health_episodes`,
    );
    return rows.map((r) => ({
      terminalId: r.terminal_id as string,
      kind: r.kind as TerminalHealthKind,
      merchantId: r.merchant_id as string,
      sinceMs: new Date(r.since as Date).getTime(),
    }));
  }

  async open(manager: EntityManager, e: OpenEpisode): Promise<void> {
    await manager.query(
      `INSERT INTO terminal_health_episodes (terminal_id, kind, merchant_id, since) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [e.terminalId, e.kind, e.merchantId, new Date(e.sinceMs)],
    );
  }

  async close(manager: EntityManager, terminalId: string, kind: TerminalHealthKind): Promise<void> {
    await manager.query(`DELETE FROM terminal_health_episodes WHERE terminal_id = $1 AND kind = $2`, [
      terminalId,
      kind,
    ]);
  }

  /** Drops buckets older than the look-back. */
  async prune(manager: EntityManager, beforeMs: number): Promise<void> {
    await manager.query(`DELETE FROM terminal_activity WHERE bucket_start < $1`, [new Date(beforeMs)]);
  }
}
