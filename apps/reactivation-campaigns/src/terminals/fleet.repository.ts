import { Injectable } from '@nestjs/common';
import { toSafeInteger } from '@merchant-pulse/database';
import { DataSource, EntityManager } from 'typeorm';

type Row = Record<string, string | number | null>;

/** A fleet fact from merchant.lifecycle.v1 or terminal.health.v1. */
export type FleetFact =
  | { kind: 'assigned'; terminalId: string; merchantId: string; status: string; at: string }
  | { kind: 'status'; terminalId: string; merchantId: string; status: string; at: string }
  | { kind: 'silent'; terminalId: string; merchantId: string; since: string; at: string }
  | { kind: 'recovered'; terminalId: string; merchantId: string; at: string }
  | { kind: 'merchant_status'; merchantId: string; status: string; at: string };

/** An assigned terminal with what its idleness is judged from. */
export interface FleetTerminal {
  terminalId: string;
  merchantId: string;
  /** Local date of its last approved transaction as far as known, or null (never seen trading). */
  lastTransactedOn: string | null;
  assignedOn: string | null;
  merchantStatus: string | null;
  behaviourTier: string | null;
}

/**
 * The projection of terminals and merchant status this service keeps. A terminal's last trading day
 * is its `silent` episode's start while one is open (ingestion saw nothing from it since), otherwise
 * its merchant's last approved day (the daily snapshots carry no per-terminal split), or its
 * recovery date when later.
 */
@Injectable()
export class FleetRepository {
  constructor(private readonly dataSource: DataSource) {}

  async apply(manager: EntityManager, facts: readonly FleetFact[]): Promise<void> {
    for (const f of facts) {
      switch (f.kind) {
        case 'assigned':
        case 'status':
          await manager.query(
            `INSERT INTO fleet_terminals (terminal_id, merchant_id, status, assigned_at, updated_at)
             VALUES ($1, $2, $3, CASE WHEN $5 THEN $4::timestamptz END, $4)
             ON CONFLICT (terminal_id) DO UPDATE SET
               merchant_id = CASE WHEN EXCLUDED.status = 'inventory' THEN NULL ELSE EXCLUDED.merchant_id END,
               status = EXCLUDED.status,
               assigned_at = coalesce(EXCLUDED.assigned_at, fleet_terminals.assigned_at),
               silent_since = CASE WHEN $5 THEN NULL ELSE fleet_terminals.silent_since END,
               updated_at = EXCLUDED.updated_at
             WHERE fleet_terminals.updated_at <= EXCLUDED.updated_at`,
            [f.terminalId, f.merchantId, f.status, f.at, f.kind === 'assigned'],
          );
          break;
        case 'silent':
          await manager.query(
            `UPDATE fleet_terminals SET silent_since = $2 WHERE terminal_id = $1
               AND (recovered_at IS NULL OR recovered_at < $2)`,
            [f.terminalId, f.since],
          );
          break;
        case 'recovered':
          await manager.query(
            `UPDATE fleet_terminals SET silent_since = NULL, recovered_at = greatest(recovered_at, $2::timestamptz)
              WHERE terminal_id = $1`,
            [f.terminalId, f.at],
          );
          break;
        case 'merchant_status':
          await manager.query(
            `INSERT INTO fleet_merchant_status (merchant_id, status, changed_at) VALUES ($1, $2, $3)
             ON CONFLICT (merchant_id) DO UPDATE SET status = EXCLUDED.status, changed_at = EXCLUDED.changed_at
             WHERE fleet_merchant_status.changed_at <= EXCLUDED.changed_at`,
            [f.merchantId, f.status, f.at],
          );
          break;
      }
    }
  }

  /** Every terminal assigned to a merchant (assigned, active or faulty) with its idleness inputs. */
  async assignedTerminals(
    timezone: string,
    db: Pick<EntityManager, 'query'> = this.dataSource,
  ): Promise<FleetTerminal[]> {
    const rows: Row[] = await db.query(
      `SELECT t.terminal_id, t.merchant_id,
              to_char(CASE WHEN t.silent_since IS NOT NULL THEN (t.silent_since AT TIME ZONE $1)::date
                           ELSE greatest((SELECT max(activity_date) FROM loyalty_day_snapshots s
                                           WHERE s.merchant_id = t.merchant_id AND s.approved_count > 0),
                                         (t.recovered_at AT TIME ZONE $1)::date) END, 'YYYY-MM-DD') AS last_transacted_on,
              to_char((t.assigned_at AT TIME ZONE $1)::date, 'YYYY-MM-DD') AS assigned_on,
              ms.status AS merchant_status, v.behaviour_tier
         FROM fleet_terminals t
         LEFT JOIN fleet_merchant_status ms ON ms.merchant_id = t.merchant_id
         LEFT JOIN membership_value_tiers v ON v.merchant_id = t.merchant_id
        WHERE t.status IN ('assigned', 'active', 'faulty') AND t.merchant_id IS NOT NULL
        ORDER BY t.terminal_id`,
      [timezone],
    );
    return rows.map((r) => ({
      terminalId: String(r.terminal_id),
      merchantId: String(r.merchant_id),
      lastTransactedOn: (r.last_transacted_on as string | null) ?? null,
      assignedOn: (r.assigned_on as string | null) ?? null,
      merchantStatus: (r.merchant_status as string | null) ?? null,
      behaviourTier: (r.behaviour_tier as string | null) ?? null,
    }));
  }

  async countRecoveriesByState(): Promise<Record<string, number>> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT state, count(*) AS n FROM terminal_recoveries GROUP BY state`,
    );
    return Object.fromEntries(rows.map((r) => [String(r.state), toSafeInteger(r.n)]));
  }
}
