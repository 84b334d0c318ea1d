import { Injectable } from '@nestjs/common';
import type { TerminalStatus } from '@merchant-pulse/contracts';
import { EntityManager } from 'typeorm';

/** A POS terminal. */
export interface TerminalRecord {
  id: string;
  serialNumber: string;
  model: string;
  firmwareVersion: string;
  status: TerminalStatus;
  merchantId: string | null;
  address: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One row of the terminal's history (kept forever). */
export interface TerminalHistoryEntry {
  terminalId: string;
  fromStatus: TerminalStatus | null;
  toStatus: TerminalStatus;
  merchantId: string | null;
  address: string | null;
  reason: string | null;
  changedAt: Date;
}

const SELECT = `id, serial_number AS "serialNumber", model, firmware_version AS "firmwareVersion", status,
  merchant_id AS "merchantId", address, created_at AS "createdAt", updated_at AS "updatedAt"`;

/** Terminals and their append-only history. */
@Injectable()
export class TerminalRepository {
  async insert(manager: EntityManager, t: TerminalRecord): Promise<void> {
    await manager.query(
      `INSERT INTO terminals (id, serial_number, model, firmware_version, status, merchant_id, address, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        t.id,
        t.serialNumber,
        t.model,
        t.firmwareVersion,
        t.status,
        t.merchantId,
        t.address,
        t.createdAt,
        t.updatedAt,
      ],
    );
  }

  async existsWith(manager: EntityManager, id: string, serialNumber: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM terminals WHERE id = $1 OR serial_number = $2`,
      [id, serialNumber],
    );
    return rows.length > 0;
  }

  async lockById(manager: EntityManager, id: string): Promise<TerminalRecord | null> {
    const rows: TerminalRecord[] = await manager.query(
      `SELECT ${SELECT} FROM terminals WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findById(manager: EntityManager, id: string): Promise<TerminalRecord | null> {
    const rows: TerminalRecord[] = await manager.query(`SELECT ${SELECT} FROM terminals WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async update(manager: EntityManager, t: TerminalRecord): Promise<void> {
    await manager.query(
      `UPDATE terminals SET status = $2, merchant_id = $3, address = $4, firmware_version = $5, updated_at = $6 WHERE id = $1`,
      [t.id, t.status, t.merchantId, t.address, t.firmwareVersion, t.updatedAt],
    );
  }

  async appendHistory(manager: EntityManager, e: TerminalHistoryEntry): Promise<void> {
    await manager.query(
      `INSERT INTO terminal_history (terminal_id, from_status, to_status, merchant_id, address, reason, changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [e.terminalId, e.fromStatus, e.toStatus, e.merchantId, e.address, e.reason, e.changedAt],
    );
  }

  async historyOf(manager: EntityManager, id: string): Promise<TerminalHistoryEntry[]> {
    return manager.query(
      `SELECT terminal_id AS "terminalId", from_status AS "fromStatus", to_status AS "toStatus",
              merchant_id AS "merchantId", address, reason, changed_at AS "changedAt"
       FROM terminal_history WHERE terminal_id = $1 ORDER BY id`,
      [id],
    );
  }
}
