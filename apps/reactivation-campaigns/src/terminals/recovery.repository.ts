import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

type Row = Record<string, string | number | null>;

/** Recovery of an idle terminal: contact the merchant, then recall it to inventory (or it trades again). */
export interface Recovery {
  recoveryId: string;
  terminalId: string;
  merchantId: string;
  reason: string;
  state: 'contact_merchant' | 'recalled' | 'resolved';
  lastTransactedOn: string | null;
  openedAt: string;
  recallDueAt: string;
  recallError: string | null;
  closedAt: string | null;
}

const SELECT = `SELECT recovery_id, terminal_id, merchant_id, reason, state, to_char(last_transacted_on, 'YYYY-MM-DD') AS last_transacted_on,
  opened_at, recall_due_at, recall_error, closed_at FROM terminal_recoveries`;

/** Recovery workflows (one open per terminal). */
@Injectable()
export class RecoveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Opens a recovery unless one is open for the terminal; true when opened. */
  async open(
    manager: EntityManager,
    r: {
      terminalId: string;
      merchantId: string;
      reason: string;
      lastTransactedOn: string | null;
      openedAt: Date;
      recallDueAt: Date;
    },
  ): Promise<boolean> {
    const rows: Row[] = await manager.query(
      `INSERT INTO terminal_recoveries (recovery_id, terminal_id, merchant_id, reason, state, last_transacted_on, opened_at, recall_due_at)
       VALUES ($1, $2, $3, $4, 'contact_merchant', $5, $6, $7) ON CONFLICT DO NOTHING RETURNING recovery_id`,
      [uuidv7(), r.terminalId, r.merchantId, r.reason, r.lastTransactedOn, r.openedAt, r.recallDueAt],
    );
    return rows.length > 0;
  }

  async listOpen(db: Pick<EntityManager, 'query'> = this.dataSource): Promise<Recovery[]> {
    const rows: Row[] = await db.query(`${SELECT} WHERE state = 'contact_merchant' ORDER BY opened_at`);
    return rows.map(toRecovery);
  }

  async list(state: string | null, limit: number): Promise<Recovery[]> {
    const rows: Row[] = await this.dataSource.query(
      `${SELECT} WHERE $1::text IS NULL OR state = $1 ORDER BY opened_at DESC LIMIT $2`,
      [state, limit],
    );
    return rows.map(toRecovery);
  }

  async find(recoveryId: string): Promise<Recovery | null> {
    const rows: Row[] = await this.dataSource.query(`${SELECT} WHERE recovery_id = $1`, [recoveryId]);
    return rows[0] ? toRecovery(rows[0]) : null;
  }

  /** Closes an open recovery (no-op when another worker closed it first). */
  async close(
    recoveryId: string,
    state: 'recalled' | 'resolved',
    at: Date,
    note: string | null = null,
  ): Promise<boolean> {
    const rows: Row[] = await this.dataSource.query(
      `UPDATE terminal_recoveries SET state = $2, closed_at = $3, recall_error = $4
        WHERE recovery_id = $1 AND state = 'contact_merchant' RETURNING recovery_id`,
      [recoveryId, state, at, note],
    );
    return rows.length > 0;
  }

  async recordRecallError(recoveryId: string, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE terminal_recoveries SET recall_error = $2 WHERE recovery_id = $1`, [
      recoveryId,
      error.slice(0, 500),
    ]);
  }
}

function toRecovery(r: Row): Recovery {
  const iso = (v: string | number | null) => (v === null ? null : new Date(v as string).toISOString());
  return {
    recoveryId: String(r.recovery_id),
    terminalId: String(r.terminal_id),
    merchantId: String(r.merchant_id),
    reason: String(r.reason),
    state: r.state as Recovery['state'],
    lastTransactedOn: (r.last_transacted_on as string | null) ?? null,
    openedAt: iso(r.opened_at)!,
    recallDueAt: iso(r.recall_due_at)!,
    recallError: (r.recall_error as string | null) ?? null,
    closedAt: iso(r.closed_at),
  };
}
