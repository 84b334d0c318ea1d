import { MigrationInterface, QueryRunner } from 'typeorm';
import { MEMBERSHIP_SLA_SETUP } from '../../sla/policies/membership-sla-setup';

/**
 * The projection of merchant.loyalty.v1 MembershipChanged (latest change per merchant), the SLA
 * policies and rules of the membership tiers (VIP, gold), and an index to find a merchant's open
 * tickets when its membership changes. Seeds skip ids an operator already created.
 */
export class MerchantMembership1798200000000 implements MigrationInterface {
  name = 'MerchantMembership1798200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE merchant_membership (
        merchant_id text PRIMARY KEY,
        tier text NOT NULL,
        sla_tier text NOT NULL,
        changed_at timestamptz NOT NULL,
        reason text NOT NULL
      )`);
    await q.query(`CREATE INDEX ticket_sla_merchant_idx ON ticket_sla (merchant_id)`);
    for (const p of MEMBERSHIP_SLA_SETUP.policies) {
      await q.query(
        `INSERT INTO sla_policies (id, name, calendar_id, targets, escalation_levels) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO NOTHING`,
        [p.id, p.name, p.calendarId, JSON.stringify(p.targets), p.escalationLevels],
      );
    }
    for (const r of MEMBERSHIP_SLA_SETUP.rules) {
      await q.query(
        `INSERT INTO sla_rules (id, position, description, match, policy_id, min_priority) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO NOTHING`,
        [r.id, r.position, r.description, JSON.stringify(r.match), r.policyId, r.minPriority ?? null],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    const rules = MEMBERSHIP_SLA_SETUP.rules.map((r) => r.id);
    const policies = MEMBERSHIP_SLA_SETUP.policies.map((p) => p.id);
    await q.query(`DELETE FROM sla_rules WHERE id = ANY($1)`, [rules]);
    await q.query(
      `DELETE FROM sla_policies p WHERE p.id = ANY($1)
         AND NOT EXISTS (SELECT 1 FROM ticket_sla t WHERE t.policy_id = p.id)`,
      [policies],
    );
    await q.query(`DROP INDEX IF EXISTS ticket_sla_merchant_idx`);
    await q.query(`DROP TABLE IF EXISTS merchant_membership`);
  }
}
