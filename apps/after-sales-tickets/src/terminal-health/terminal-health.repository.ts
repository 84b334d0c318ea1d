import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** One terminal.health.v1 event as projected here. */
export interface TerminalHealthEntry {
  eventId: string;
  terminalId: string;
  merchantId: string;
  type: 'TerminalHealthDegraded' | 'TerminalHealthRecovered';
  kind: string;
  rate: number;
  sampleSize: number;
  since: Date;
  at: Date;
}

/** This service's projection of terminal.health.v1: each terminal's degradations and recoveries. */
@Injectable()
export class TerminalHealthRepository {
  /** Records the event once (its id is the key); false when it was already there. */
  async record(manager: EntityManager, e: TerminalHealthEntry): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO terminal_health_projection (event_id, terminal_id, merchant_id, type, kind, rate, sample_size, since, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [e.eventId, e.terminalId, e.merchantId, e.type, e.kind, e.rate, e.sampleSize, e.since, e.at],
    );
    return rows.length > 0;
  }

  /** The terminal's most recent health events (newest first). */
  async recentOf(manager: EntityManager, terminalId: string, limit: number): Promise<TerminalHealthEntry[]> {
    return manager.query(
      `SELECT event_id AS "eventId", terminal_id AS "terminalId", merchant_id AS "merchantId", type, kind, rate,
              sample_size AS "sampleSize", since, at
       FROM terminal_health_projection WHERE terminal_id = $1 ORDER BY at DESC, event_id DESC LIMIT $2`,
      [terminalId, limit],
    );
  }
}
