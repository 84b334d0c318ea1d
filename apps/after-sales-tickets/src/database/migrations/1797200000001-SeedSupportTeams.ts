import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The after-sales organisation of the seed, as reference data: first-line teams per skill and the
 * second-line team each escalates to. Agents are people: they are added through PUT /v1/agents/{id}.
 */
export class SeedSupportTeams1797200000001 implements MigrationInterface {
  name = 'SeedSupportTeams1797200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      INSERT INTO teams (id, name, skills, level, escalation_team_id) VALUES
        ('device-l2', 'Device & network, second line', '{device,network}', 2, NULL),
        ('billing-l2', 'Billing & fees, second line', '{billing}', 2, NULL),
        ('onboarding-l2', 'Onboarding & training, second line', '{onboarding}', 2, NULL)
      ON CONFLICT (id) DO NOTHING;
      INSERT INTO teams (id, name, skills, level, escalation_team_id) VALUES
        ('device-l1', 'Device & network, first line', '{device,network}', 1, 'device-l2'),
        ('billing-l1', 'Billing & fees, first line', '{billing}', 1, 'billing-l2'),
        ('onboarding-l1', 'Onboarding & training, first line', '{onboarding}', 1, 'onboarding-l2')
      ON CONFLICT (id) DO NOTHING;
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM teams WHERE id IN ('device-l1', 'billing-l1', 'onboarding-l1')`);
    await q.query(`DELETE FROM teams WHERE id IN ('device-l2', 'billing-l2', 'onboarding-l2')`);
  }
}
