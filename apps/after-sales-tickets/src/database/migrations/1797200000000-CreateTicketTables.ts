import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tickets and everything around them: audit history, messages (notes and replies), links, attachments,
 * evidence, routing (teams, agents), field visits, surveys, and this service's own projections of
 * terminal.health.v1, merchant.activity.v1 and churn.risk.v1.
 */
export class CreateTicketTables1797200000000 implements MigrationInterface {
  name = 'CreateTicketTables1797200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE teams (
        id text PRIMARY KEY,
        name text NOT NULL,
        skills text[] NOT NULL,
        level int NOT NULL DEFAULT 1,
        escalation_team_id text REFERENCES teams(id)
      );
      CREATE TABLE agents (
        id text PRIMARY KEY,
        team_id text NOT NULL REFERENCES teams(id),
        name text NOT NULL,
        capacity int NOT NULL CHECK (capacity > 0),
        available boolean NOT NULL DEFAULT true,
        last_assigned_at timestamptz
      );
      CREATE TABLE tickets (
        id uuid PRIMARY KEY,
        merchant_id text NOT NULL,
        terminal_id text,
        category text NOT NULL,
        channel text NOT NULL,
        source text NOT NULL,
        priority text NOT NULL,
        requested_priority text NOT NULL,
        status text NOT NULL,
        subject text NOT NULL,
        description text,
        team_id text NOT NULL REFERENCES teams(id),
        assignee_id text REFERENCES agents(id),
        next_step text,
        sla_policy_id text,
        sla_rule text,
        first_response_due_at timestamptz,
        resolution_due_at timestamptz,
        opened_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        resolved_at timestamptz,
        closed_at timestamptz,
        resolution text,
        verified_by text,
        verified_at timestamptz,
        override_reason text,
        fix_applied_at timestamptz,
        merged_into_id uuid REFERENCES tickets(id),
        escalation_level int NOT NULL DEFAULT 0,
        reopen_count int NOT NULL DEFAULT 0
      );
      CREATE INDEX tickets_merchant ON tickets (merchant_id, opened_at DESC);
      CREATE INDEX tickets_assignee_active ON tickets (assignee_id) WHERE status NOT IN ('resolved', 'closed');
      CREATE INDEX tickets_terminal_active ON tickets (terminal_id) WHERE status NOT IN ('resolved', 'closed');
      -- One open proactive ticket per terminal: a second degradation updates it, never duplicates it.
      CREATE UNIQUE INDEX tickets_one_proactive_per_terminal ON tickets (terminal_id)
        WHERE source = 'terminal_health' AND status NOT IN ('resolved', 'closed');
      CREATE TABLE ticket_history (
        id bigserial PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES tickets(id),
        at timestamptz NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        field text,
        old_value text,
        new_value text,
        reason text
      );
      CREATE INDEX ticket_history_ticket ON ticket_history (ticket_id, id);
      CREATE TABLE ticket_messages (
        id uuid PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES tickets(id),
        kind text NOT NULL CHECK (kind IN ('note', 'reply')),
        author text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL
      );
      CREATE INDEX ticket_messages_ticket ON ticket_messages (ticket_id, created_at);
      CREATE TABLE ticket_links (
        ticket_id uuid NOT NULL REFERENCES tickets(id),
        related_id uuid NOT NULL REFERENCES tickets(id),
        kind text NOT NULL CHECK (kind IN ('related', 'duplicate_of', 'duplicate')),
        created_at timestamptz NOT NULL,
        PRIMARY KEY (ticket_id, related_id)
      );
      CREATE TABLE ticket_attachments (
        id uuid PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES tickets(id),
        filename text NOT NULL,
        media_type text NOT NULL,
        size_bytes int NOT NULL,
        sha256 text NOT NULL,
        storage_key text NOT NULL,
        key_id text NOT NULL,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL
      );
      CREATE TABLE ticket_evidence (
        id bigserial PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES tickets(id),
        source_event_id text NOT NULL,
        kind text NOT NULL,
        payload jsonb NOT NULL,
        recorded_at timestamptz NOT NULL,
        UNIQUE (ticket_id, source_event_id)
      );
      CREATE TABLE field_visits (
        id uuid PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES tickets(id),
        status text NOT NULL,
        engineer text,
        window_start timestamptz,
        window_end timestamptz,
        address text NOT NULL,
        parts_used text[] NOT NULL DEFAULT '{}',
        outcome text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE INDEX field_visits_ticket ON field_visits (ticket_id);
      CREATE TABLE surveys (
        id uuid PRIMARY KEY,
        ticket_id uuid NOT NULL UNIQUE REFERENCES tickets(id),
        category text NOT NULL,
        team_id text NOT NULL,
        assignee_id text,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        answered_at timestamptz,
        score int CHECK (score BETWEEN 1 AND 5),
        comment text
      );
      CREATE TABLE terminal_health_projection (
        event_id text PRIMARY KEY,
        terminal_id text NOT NULL,
        merchant_id text NOT NULL,
        type text NOT NULL,
        kind text NOT NULL,
        rate double precision NOT NULL,
        sample_size int NOT NULL,
        since timestamptz NOT NULL,
        at timestamptz NOT NULL
      );
      CREATE INDEX terminal_health_projection_terminal ON terminal_health_projection (terminal_id, at DESC);
      CREATE TABLE merchant_activity_projection (
        merchant_id text NOT NULL,
        activity_date date NOT NULL,
        approved_count int NOT NULL,
        declined_count int NOT NULL,
        card_read_failure_count int NOT NULL,
        approved_amount_minor bigint NOT NULL,
        active_terminal_count int NOT NULL,
        first_approved_at timestamptz,
        last_approved_at timestamptz,
        as_of timestamptz NOT NULL,
        PRIMARY KEY (merchant_id, activity_date)
      );
      CREATE TABLE merchant_risk (
        merchant_id text PRIMARY KEY,
        value_tier text NOT NULL,
        behaviour_tier text NOT NULL,
        score_band text NOT NULL,
        score int NOT NULL,
        as_of timestamptz NOT NULL
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DROP TABLE merchant_risk, merchant_activity_projection, terminal_health_projection, surveys,
        field_visits, ticket_evidence, ticket_attachments, ticket_links, ticket_messages, ticket_history,
        tickets, agents, teams;
    `);
  }
}
