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

  /** The merchant's tickets that are not resolved or closed. */
  async activeTicketsOf(merchantId: string): Promise<TicketSlaRecord[]> {
    const rows = await this.ds.query(
      `SELECT * FROM ticket_sla WHERE merchant_id = $1 AND status NOT IN ('resolved', 'closed') ORDER BY opened_at`,
      [merchantId],
    );
    return rows.map(toTicket);
  }

  async updateTicket(
    m: EntityManager,
    ticketId: string,
    fields: Partial<Pick<TicketSlaRecord, 'status' | 'priority' | 'teamId' | 'policyId' | 'rule'>>,
    at: Date,
  ): Promise<void> {
    await m.query(
      `UPDATE ticket_sla SET status = COALESCE($2, status), priority = COALESCE($3, priority),
         team_id = COALESCE($4, team_id), policy_id = COALESCE($5, policy_id), rule = COALESCE($6, rule),
         updated_at = $7 WHERE ticket_id = $1`,
      [
        ticketId,
        fields.status ?? null,
        fields.priority ?? null,
        fields.teamId ?? null,
        fields.policyId ?? null,
        fields.rule ?? null,
        at,
      ],
    );
  }

  async clocks(m: EntityManager | DataSource, ticketId: string): Promise<SlaClock[]> {
    const rows = await m.query(`SELECT * FROM sla_clocks WHERE ticket_id = $1 ORDER BY kind`, [ticketId]);
    return rows.map(toClock);
  }

  /**
   * Several clocks with their tickets, the tickets locked in ticket order (so two batches never
   * deadlock), keyed `ticketId|kind`; missing clocks are absent.
   */
  async lockClocks(
    m: EntityManager,
    keys: ReadonlyArray<{ ticketId: string; kind: SlaKind }>,
  ): Promise<Map<string, { ticket: TicketSlaRecord; clock: SlaClock }>> {
    const rows: Row[] = await m.query(
      `SELECT c.*, t.merchant_id, t.category, t.channel, t.team_id, t.policy_id, t.priority, t.rule, t.status, t.opened_at
       FROM sla_clocks c JOIN ticket_sla t USING (ticket_id)
       WHERE (c.ticket_id, c.kind) IN (SELECT * FROM unnest($1::text[], $2::text[]))
       ORDER BY c.ticket_id, c.kind FOR NO KEY UPDATE OF t`,
      [keys.map((k) => k.ticketId), keys.map((k) => k.kind)],
    );
    return new Map(
      rows.map((r) => [`${str(r.ticket_id)}|${str(r.kind)}`, { ticket: toTicket(r), clock: toClock(r) }]),
    );
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

  /** Records breaches in one statement (a breach recorded before changes nothing). */
  async insertBreaches(
    m: EntityManager,
    breaches: ReadonlyArray<PendingEscalation & { teamId: string; priority: TicketPriority }>,
  ): Promise<void> {
    if (breaches.length === 0) return;
    const col = <T>(f: (b: (typeof breaches)[number]) => T) => breaches.map(f);
    await m.query(
      `INSERT INTO sla_breaches (ticket_id, kind, level, team_id, priority, due_at, breached_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[])
       ON CONFLICT DO NOTHING`,
      [
        col((b) => b.ticketId),
        col((b) => b.kind),
        col((b) => b.level),
        col((b) => b.teamId),
        col((b) => b.priority),
        col((b) => b.dueAt),
        col((b) => b.breachedAt),
      ],
    );
  }

  /** Marks escalations as handed over, in one statement. */
  async markEscalated(
    escalations: ReadonlyArray<Pick<PendingEscalation, 'ticketId' | 'kind' | 'level'>>,
    at: Date,
  ): Promise<void> {
    if (escalations.length === 0) return;
    await this.ds.query(
      `UPDATE sla_breaches b SET escalated_at = $4
       FROM unnest($1::text[], $2::text[], $3::int[]) AS e (ticket_id, kind, level)
       WHERE b.ticket_id = e.ticket_id AND b.kind = e.kind AND b.level = e.level AND b.escalated_at IS NULL`,
      [
        escalations.map((e) => e.ticketId),
        escalations.map((e) => e.kind),
        escalations.map((e) => e.level),
        at,
      ],
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
