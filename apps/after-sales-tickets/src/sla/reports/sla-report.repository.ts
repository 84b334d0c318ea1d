import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Response and resolution times of one SLA kind, in business hours. */
export interface KindReport {
  kind: string;
  /** Clocks whose outcome is known: met, or breached at least once. */
  concluded: number;
  met: number;
  /** Share of concluded clocks met within target, 0–100 (null when none concluded). */
  attainmentPct: number | null;
  medianBusinessHours: number | null;
  p90BusinessHours: number | null;
}

/** Breaches of one kind in one team. */
export interface BreachCount {
  kind: string;
  teamId: string;
  /** Tickets that breached at least once. */
  tickets: number;
  /** Breaches at every level. */
  breaches: number;
}

export interface SlaReport {
  from: string;
  to: string;
  teamId: string | null;
  tickets: number;
  kinds: KindReport[];
  breaches: BreachCount[];
}

const hours = (ms: unknown) => (ms == null ? null : Math.round((Number(ms) / 3_600_000) * 1000) / 1000);

/** SLA reporting over tickets opened in a window (business time of each ticket's calendar). */
@Injectable()
export class SlaReportRepository {
  constructor(private readonly ds: DataSource) {}

  async report(from: Date, to: Date, teamId?: string): Promise<SlaReport> {
    const params = [from, to, teamId ?? null];
    const scope = `t.opened_at >= $1 AND t.opened_at < $2 AND ($3::text IS NULL OR t.team_id = $3)`;
    const [tickets] = await this.ds.query(
      `SELECT count(*)::int AS n FROM ticket_sla t WHERE ${scope}`,
      params,
    );
    const kinds = await this.ds.query(
      `SELECT c.kind,
         count(*) FILTER (WHERE c.state = 'met' OR c.level > 0)::int AS concluded,
         count(*) FILTER (WHERE c.state = 'met' AND c.level = 0 AND c.elapsed_ms <= c.target_ms)::int AS met,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY c.elapsed_ms) FILTER (WHERE c.state = 'met') AS median_ms,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY c.elapsed_ms) FILTER (WHERE c.state = 'met') AS p90_ms
       FROM sla_clocks c JOIN ticket_sla t USING (ticket_id) WHERE ${scope} AND c.started_at IS NOT NULL
       GROUP BY c.kind ORDER BY c.kind`,
      params,
    );
    const breaches = await this.ds.query(
      `SELECT b.kind, t.team_id, count(DISTINCT b.ticket_id)::int AS tickets, count(*)::int AS breaches
       FROM sla_breaches b JOIN ticket_sla t USING (ticket_id) WHERE ${scope}
       GROUP BY b.kind, t.team_id ORDER BY b.kind, t.team_id`,
      params,
    );
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      teamId: teamId ?? null,
      tickets: tickets.n,
      kinds: kinds.map(
        (r: {
          kind: string;
          concluded: number;
          met: number;
          median_ms: number | null;
          p90_ms: number | null;
        }) => ({
          kind: r.kind,
          concluded: r.concluded,
          met: r.met,
          attainmentPct: r.concluded > 0 ? Math.round((r.met / r.concluded) * 1000) / 10 : null,
          medianBusinessHours: hours(r.median_ms),
          p90BusinessHours: hours(r.p90_ms),
        }),
      ),
      breaches: breaches.map((r: { kind: string; team_id: string; tickets: number; breaches: number }) => ({
        kind: r.kind,
        teamId: r.team_id,
        tickets: r.tickets,
        breaches: r.breaches,
      })),
    };
  }
}
