import { Injectable } from '@nestjs/common';
import type {
  SlaKind,
  TicketCategory,
  TicketChannel,
  TicketPriority,
  TicketStatus,
} from '@merchant-pulse/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { SlaClock, TimerStage } from './sla-clock';

/** A row as pg returns it (timestamps as Date, bigint as string). */
type Row = Record<string, unknown>;
const str = (v: unknown) => v as string;

/** The SLA side's record of a ticket. */
export interface TicketSlaRecord {
  ticketId: string;
  merchantId: string;
  category: TicketCategory;
  channel: TicketChannel;
  teamId: string;
  policyId: string;
  priority: TicketPriority;
  rule: string;
  status: TicketStatus;
  openedAt: Date;
}

/** A timer that is due (or will be): what the queue needs to fire it. */
export interface DueTimer {
  ticketId: string;
  kind: SlaKind;
  stage: TimerStage;
  level: number;
  version: number;
  fireAt: Date;
}

/** A breach whose escalation has not been confirmed. */
export interface PendingEscalation {
  ticketId: string;
  kind: SlaKind;
  level: number;
  dueAt: Date;
  breachedAt: Date;
}

const date = (v: unknown): Date | null => (v == null ? null : new Date(v as string));
const toTicket = (r: Row): TicketSlaRecord => ({
  ticketId: str(r.ticket_id),
  merchantId: str(r.merchant_id),
  category: r.category as TicketSlaRecord['category'],
  channel: r.channel as TicketSlaRecord['channel'],
  teamId: str(r.team_id),
  policyId: str(r.policy_id),
  priority: r.priority as TicketPriority,
  rule: str(r.rule),
  status: r.status as TicketStatus,
  openedAt: new Date(str(r.opened_at)),
});
const toClock = (r: Row): SlaClock => ({
  ticketId: str(r.ticket_id),
  kind: r.kind as SlaKind,
  state: r.state as SlaClock['state'],
  targetMs: Number(r.target_ms),
  elapsedMs: Number(r.elapsed_ms),
  runningSince: date(r.running_since),
  pausedAt: date(r.paused_at),
  startedAt: date(r.started_at),
  metAt: date(r.met_at),
  dueAt: date(r.due_at),
  warnAt: date(r.warn_at),
  warnedAt: date(r.warned_at),
  breachedAt: date(r.breached_at),
  level: Number(r.level),
  nextStage: r.next_stage as TimerStage | null,
  nextFireAt: date(r.next_fire_at),
  version: Number(r.version),
});
const toTimer = (r: Row): DueTimer => ({
  ticketId: str(r.ticket_id),
  kind: r.kind as SlaKind,
  stage: r.next_stage as TimerStage,
  level: Number(r.level),
  version: Number(r.version),
  fireAt: new Date(str(r.next_fire_at)),
});

/** Per-ticket SLA state: the ticket record, one clock per kind, breaches. */
@Injectable()
export class SlaStateRepository {
  constructor(readonly ds: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(work);
  }

  /** Inserts the ticket; false when it was already there (opened twice). */
  async insertTicket(m: EntityManager, t: TicketSlaRecord, at: Date): Promise<boolean> {
    const rows = await m.query(
      `INSERT INTO ticket_sla (ticket_id, merchant_id, category, channel, team_id, policy_id, priority, rule, status, opened_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (ticket_id) DO NOTHING RETURNING ticket_id`,
      [
        t.ticketId,
        t.merchantId,
        t.category,
        t.channel,
        t.teamId,
        t.policyId,
        t.priority,
        t.rule,
        t.status,
        t.openedAt,
        at,
      ],
    );
    return rows.length > 0;
  }

  /**
   * The ticket, locked for the rest of the transaction. Every writer of a ticket's clocks (a change,
   * a firing timer) takes this lock first, so they apply one after the other on fresh state.
   */
  async lockTicket(m: EntityManager, ticketId: string): Promise<TicketSlaRecord | null> {
    const rows = await m.query(`SELECT * FROM ticket_sla WHERE ticket_id = $1 FOR NO KEY UPDATE`, [ticketId]);
    return rows[0] ? toTicket(rows[0]) : null;
  }

  async findTicket(ticketId: string): Promise<TicketSlaRecord | null> {
    const rows = await this.ds.query(`SELECT * FROM ticket_sla WHERE ticket_id = $1`, [ticketId]);
    return rows[0] ? toTicket(rows[0]) : null;
  }

  async updateTicket(
    m: EntityManager,
    ticketId: string,
    fields: Partial<Pick<TicketSlaRecord, 'status' | 'priority' | 'teamId'>>,
    at: Date,
  ): Promise<void> {
    await m.query(
      `UPDATE ticket_sla SET status = COALESCE($2, status), priority = COALESCE($3, priority),
         team_id = COALESCE($4, team_id), updated_at = $5 WHERE ticket_id = $1`,
      [ticketId, fields.status ?? null, fields.priority ?? null, fields.teamId ?? null, at],
    );
  }

  async clocks(m: EntityManager | DataSource, ticketId: string): Promise<SlaClock[]> {
    const rows = await m.query(`SELECT * FROM sla_clocks WHERE ticket_id = $1 ORDER BY kind`, [ticketId]);
    return rows.map(toClock);
  }

  /** One clock with its ticket, the ticket locked (see {@link lockTicket}), for a timer that fires. */
  async lockClock(
    m: EntityManager,
    ticketId: string,
    kind: SlaKind,
  ): Promise<{ ticket: TicketSlaRecord; clock: SlaClock } | null> {
    const rows = await m.query(
      `SELECT c.*, t.merchant_id, t.category, t.channel, t.team_id, t.policy_id, t.priority, t.rule, t.status, t.opened_at
       FROM sla_clocks c JOIN ticket_sla t USING (ticket_id) WHERE c.ticket_id = $1 AND c.kind = $2 FOR NO KEY UPDATE OF t`,
      [ticketId, kind],
    );
    return rows[0] ? { ticket: toTicket(rows[0]), clock: toClock(rows[0]) } : null;
  }

  /** Upserts clocks in one statement. */
  async saveClocks(m: EntityManager, clocks: readonly SlaClock[]): Promise<void> {
    if (clocks.length === 0) return;
    const values: unknown[] = [];
    const rows = clocks.map((c) => {
      const fields = [
        c.ticketId,
        c.kind,
        c.state,
        Math.round(c.targetMs),
        Math.round(c.elapsedMs),
        c.runningSince,
        c.pausedAt,
        c.startedAt,
        c.metAt,
        c.dueAt,
        c.warnAt,
        c.warnedAt,
        c.breachedAt,
        c.level,
        c.nextStage,
        c.nextFireAt,
        c.version,
      ];
      const base = values.length;
      values.push(...fields);
      return `(${fields.map((_, i) => `$${base + i + 1}`).join(', ')})`;
    });
    await m.query(
      `INSERT INTO sla_clocks (ticket_id, kind, state, target_ms, elapsed_ms, running_since, paused_at, started_at, met_at,
         due_at, warn_at, warned_at, breached_at, level, next_stage, next_fire_at, version)
       VALUES ${rows.join(', ')}
       ON CONFLICT (ticket_id, kind) DO UPDATE SET state = EXCLUDED.state, target_ms = EXCLUDED.target_ms,
         elapsed_ms = EXCLUDED.elapsed_ms, running_since = EXCLUDED.running_since, paused_at = EXCLUDED.paused_at,
         started_at = EXCLUDED.started_at, met_at = EXCLUDED.met_at, due_at = EXCLUDED.due_at, warn_at = EXCLUDED.warn_at,
         warned_at = EXCLUDED.warned_at, breached_at = EXCLUDED.breached_at, level = EXCLUDED.level,
         next_stage = EXCLUDED.next_stage, next_fire_at = EXCLUDED.next_fire_at, version = EXCLUDED.version`,
      values,
    );
  }

  async insertBreach(
    m: EntityManager,
    b: PendingEscalation & { teamId: string; priority: TicketPriority },
  ): Promise<void> {
    await m.query(
      `INSERT INTO sla_breaches (ticket_id, kind, level, team_id, priority, due_at, breached_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [b.ticketId, b.kind, b.level, b.teamId, b.priority, b.dueAt, b.breachedAt],
    );
  }

  async markEscalated(e: Pick<PendingEscalation, 'ticketId' | 'kind' | 'level'>, at: Date): Promise<void> {
    await this.ds.query(
      `UPDATE sla_breaches SET escalated_at = $4 WHERE ticket_id = $1 AND kind = $2 AND level = $3 AND escalated_at IS NULL`,
      [e.ticketId, e.kind, e.level, at],
    );
  }

  async pendingEscalations(limit: number): Promise<PendingEscalation[]> {
    const rows = await this.ds.query(
      `SELECT ticket_id, kind, level, due_at, breached_at FROM sla_breaches WHERE escalated_at IS NULL
       ORDER BY breached_at LIMIT $1`,
      [limit],
    );
    return rows.map((r: Row) => ({
      ticketId: str(r.ticket_id),
      kind: r.kind as SlaKind,
      level: Number(r.level),
      dueAt: new Date(str(r.due_at)),
      breachedAt: new Date(str(r.breached_at)),
    }));
  }

  /** Timers due by `at`, earliest first. */
  async dueTimers(at: Date, limit: number): Promise<DueTimer[]> {
    const rows = await this.ds.query(
      `SELECT ticket_id, kind, next_stage, level, version, next_fire_at FROM sla_clocks
       WHERE next_fire_at IS NOT NULL AND next_fire_at <= $1 ORDER BY next_fire_at LIMIT $2`,
      [at, limit],
    );
    return rows.map(toTimer);
  }

  /** Future timers in keyset pages (by fire time, then ticket and kind), to re-arm after a restart. */
  async futureTimers(
    after: { fireAt: Date; ticketId: string; kind: string },
    limit: number,
  ): Promise<DueTimer[]> {
    const rows = await this.ds.query(
      `SELECT ticket_id, kind, next_stage, level, version, next_fire_at FROM sla_clocks
       WHERE next_fire_at IS NOT NULL AND (next_fire_at, ticket_id, kind) > ($1, $2, $3)
       ORDER BY next_fire_at, ticket_id, kind LIMIT $4`,
      [after.fireAt, after.ticketId, after.kind, limit],
    );
    return rows.map(toTimer);
  }
}
