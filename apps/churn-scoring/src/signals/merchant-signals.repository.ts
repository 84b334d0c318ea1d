import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { MerchantSignals, NO_SIGNALS } from '../risk/scoring/merchant-features';

type Row = Record<string, string | boolean | null>;

/**
 * Lifecycle, terminal-health and ticket state per merchant. Every write is a natural upsert guarded by
 * the event's own timestamp, so replays and reordering leave the newest fact in place.
 */
@Injectable()
export class MerchantSignalsRepository {
  async recordStatus(m: EntityManager, merchantId: string, status: string, at: string): Promise<void> {
    await m.query(
      `INSERT INTO merchants AS t (merchant_id, status, status_changed_at) VALUES ($1, $2, $3)
       ON CONFLICT (merchant_id) DO UPDATE SET status = EXCLUDED.status, status_changed_at = EXCLUDED.status_changed_at
       WHERE t.status_changed_at IS NULL OR t.status_changed_at <= EXCLUDED.status_changed_at`,
      [merchantId, status, at],
    );
  }

  /**
   * Region and city of the profile snapshot (newest by its own timestamp), copied onto the merchant's
   * current risk so the worklist filters by region on one table; scoring copies it again on every run.
   */
  async recordProfile(
    m: EntityManager,
    p: { merchantId: string; region: string | null; city: string | null; at: string },
  ): Promise<void> {
    const updated: unknown[] = await m.query(
      `INSERT INTO merchants AS t (merchant_id, region, city, profile_updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (merchant_id) DO UPDATE SET region = EXCLUDED.region, city = EXCLUDED.city,
         profile_updated_at = EXCLUDED.profile_updated_at
       WHERE t.profile_updated_at IS NULL OR t.profile_updated_at <= EXCLUDED.profile_updated_at
       RETURNING merchant_id`,
      [p.merchantId, p.region, p.city, p.at],
    );
    if (updated.length > 0)
      await m.query(`UPDATE merchant_risk SET region = $2, city = $3 WHERE merchant_id = $1`, [
        p.merchantId,
        p.region,
        p.city,
      ]);
  }

  async recordTerminal(
    m: EntityManager,
    t: { terminalId: string; merchantId: string; serialNumber?: string; status: string; at: string },
  ): Promise<void> {
    await m.query(
      `INSERT INTO terminals AS t (terminal_id, merchant_id, serial_number, status, status_changed_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (terminal_id) DO UPDATE SET merchant_id = EXCLUDED.merchant_id,
         serial_number = coalesce(EXCLUDED.serial_number, t.serial_number), status = EXCLUDED.status,
         status_changed_at = EXCLUDED.status_changed_at
       WHERE t.status_changed_at IS NULL OR t.status_changed_at <= EXCLUDED.status_changed_at`,
      [t.terminalId, t.merchantId, t.serialNumber ?? null, t.status, t.at],
    );
  }

  async recordTerminalHealth(
    m: EntityManager,
    h: {
      terminalId: string;
      kind: string;
      merchantId: string;
      degraded: boolean;
      since: string;
      observedAt: string;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO terminal_health AS t (terminal_id, kind, merchant_id, degraded, since, observed_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (terminal_id, kind) DO UPDATE SET merchant_id = EXCLUDED.merchant_id, degraded = EXCLUDED.degraded,
         since = EXCLUDED.since, observed_at = EXCLUDED.observed_at
       WHERE t.observed_at <= EXCLUDED.observed_at`,
      [h.terminalId, h.kind, h.merchantId, h.degraded, h.since, h.observedAt],
    );
  }

  async openTicket(
    m: EntityManager,
    t: { ticketId: string; merchantId: string; category: string; openedAt: string },
  ): Promise<void> {
    await m.query(
      `INSERT INTO tickets (ticket_id, merchant_id, category, status, opened_at, status_changed_at)
       VALUES ($1, $2, $3, 'open', $4, $4) ON CONFLICT (ticket_id) DO NOTHING`,
      [t.ticketId, t.merchantId, t.category, t.openedAt],
    );
  }

  async changeTicketStatus(m: EntityManager, ticketId: string, status: string, at: string): Promise<void> {
    await m.query(
      `UPDATE tickets SET status = $2, status_changed_at = $3 WHERE ticket_id = $1 AND status_changed_at <= $3`,
      [ticketId, status, at],
    );
  }

  async markSlaBreached(m: EntityManager, ticketId: string): Promise<void> {
    await m.query(`UPDATE tickets SET sla_breached = true WHERE ticket_id = $1`, [ticketId]);
  }

  /** Status, open tickets and degraded terminals of the given merchants. */
  async loadSignals(m: EntityManager, merchantIds: readonly string[]): Promise<Map<string, MerchantSignals>> {
    const out = new Map<string, MerchantSignals>();
    const get = (id: string): MerchantSignals => {
      let s = out.get(id);
      if (!s) out.set(id, (s = { ...NO_SIGNALS, openTickets: [], unhealthyTerminals: [] }));
      return s;
    };
    const statuses: Row[] = await m.query(
      `SELECT merchant_id, status FROM merchants WHERE merchant_id = ANY($1::text[]) AND status IS NOT NULL`,
      [merchantIds],
    );
    for (const r of statuses) get(String(r.merchant_id)).status = r.status as string;
    const tickets: Row[] = await m.query(
      `SELECT merchant_id, ticket_id, category, to_char(opened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS opened_at, sla_breached
       FROM tickets WHERE merchant_id = ANY($1::text[]) AND status NOT IN ('resolved', 'closed') ORDER BY opened_at`,
      [merchantIds],
    );
    for (const r of tickets)
      get(String(r.merchant_id)).openTickets.push({
        ticketId: String(r.ticket_id),
        category: String(r.category),
        openedAt: String(r.opened_at),
        slaBreached: r.sla_breached === true,
      });
    const terminals: Row[] = await m.query(
      `SELECT h.merchant_id, h.terminal_id, h.kind, t.serial_number, to_char(h.since AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS since
       FROM terminal_health h LEFT JOIN terminals t USING (terminal_id)
       WHERE h.merchant_id = ANY($1::text[]) AND h.degraded ORDER BY h.since`,
      [merchantIds],
    );
    for (const r of terminals)
      get(String(r.merchant_id)).unhealthyTerminals.push({
        terminalId: String(r.terminal_id),
        serialNumber: (r.serial_number as string | null) ?? null,
        kind: String(r.kind),
        since: String(r.since),
      });
    return out;
  }
}
