import { adminQuery, expectEventually } from '@merchant-pulse/testing';
import { assignArm } from '../../../apps/reactivation-campaigns/src/enrolment/holdout';
import { EnrolmentRepository } from '../../../apps/reactivation-campaigns/src/enrolment/enrolment.repository';
import { HandOffEnrolmentsJob } from '../../../apps/reactivation-campaigns/src/enrolment/jobs/hand-off-enrolments.job';
import { OUTREACH_KEYS, OutreachHarness } from './outreach.harness';

jest.setTimeout(240_000);

/**
 * Issue 11 end to end across both halves: a MerchantRiskChanged enrols the merchant (campaign side),
 * the hand-off gives treatment enrolments to the BullMQ scheduler (outreach side), which sends real SMS
 * to the local gateway; holdout merchants are never contacted because they are never handed steps.
 */
describe('risk event → enrolment → outreach (registry + campaigns, real Postgres, Kafka, Redis, HTTP SMS)', () => {
  const h = new OutreachHarness();
  const admin = { Authorization: `Bearer ${OUTREACH_KEYS.admin}` };

  beforeAll(async () => {
    await h.start();
  });
  afterAll(async () => h.close());

  it('should enrol on a risk event, contact every treatment merchant and never a holdout merchant', async () => {
    const merchants: Array<{ id: string; phone: string; email: string | null }> = [];
    for (let i = 0; i < 10; i++) merchants.push(await h.activeMerchant());
    // The arm is a draw per (campaign, legal entity): with 10 entities and a share of 0.5, one campaign id in
    // 1,024 puts them all in one arm (CI met one). Draft campaigns until the draws give both arms, so the
    // test always checks both; the service assigns the arms itself, this only predicts them.
    const entities = await expectEventually(
      async () => {
        const rows = await adminQuery<{ legal_entity_id: string | null }>(
          `SELECT legal_entity_id FROM "${h.schema.schema}".merchant_profiles WHERE merchant_id = ANY($1::text[])`,
          [merchants.map((m) => m.id)],
        );
        const known = rows.flatMap((r) => (r.legal_entity_id ? [r.legal_entity_id] : []));
        expect(known).toHaveLength(merchants.length);
        return known;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    let campaign: { id: string } | undefined;
    for (let attempt = 0; attempt < 10 && !campaign; attempt++) {
      const { body } = await h
        .campaignsHttp()
        .post('/v1/campaigns')
        .set(admin)
        .send({
          name: 'Win back dormant',
          kind: 'triggered',
          audience: { behaviourTiers: ['dormant'] },
          steps: [{ channel: 'sms', delayDays: 0, templateId: 'reactivation-default' }],
          holdoutShare: 0.5,
        })
        .expect(201);
      if (new Set(entities.map((e) => assignArm(body.id, e, 0.5))).size === 2) campaign = body;
    }
    if (!campaign) throw new Error('no campaign id in 10 drew both arms');
    await h.campaignsHttp().post(`/v1/campaigns/${campaign.id}/launch`).set(admin).send({}).expect(200);

    for (const m of merchants)
      await h.publish('MerchantRiskChanged', m.id, {
        behaviourTier: 'dormant',
        scoreBand: 'high',
        score: 81,
        asOf: h.clock.now().toISOString(),
      });
    const enrolled = await expectEventually(
      async () => {
        const rows = await h.campaigns.get(EnrolmentRepository).ofCampaign(campaign.id);
        expect(rows).toHaveLength(merchants.length);
        return rows;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    const treatment = enrolled.filter((e) => e.arm === 'treatment');
    const holdout = enrolled.filter((e) => e.arm === 'holdout');
    expect(treatment.length).toBeGreaterThan(0);
    expect(holdout.length).toBeGreaterThan(0);

    await h.campaigns.get(HandOffEnrolmentsJob).runOnce();
    const phoneOf = new Map(merchants.map((m) => [m.id, m.phone]));
    for (const e of treatment) {
      const record = await h.settled(campaign.id, e.merchantId);
      expect(record.state).toMatch(/^(sent|delivered)$/);
      expect(h.sms.received.some((s) => s.to === phoneOf.get(e.merchantId))).toBe(true);
    }
    // Holdouts: handed nothing, no send record, no message — by construction, not by a guard.
    for (const e of holdout) {
      expect(await h.records().find(campaign.id, e.merchantId, 0)).toBeNull();
      expect(h.sms.received.some((s) => s.to === phoneOf.get(e.merchantId))).toBe(false);
    }
    const [handedHoldout] = await adminQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${h.schema.schema}".campaign_enrolments WHERE campaign_id = $1 AND arm = 'holdout' AND handed_off_at IS NOT NULL`,
      [campaign.id],
    );
    expect(handedHoldout.n).toBe(0);

    const { body: results } = await h
      .campaignsHttp()
      .get(`/v1/campaigns/${campaign.id}/results`)
      .set(admin)
      .expect(200);
    expect(results.funnel.wired).toBe(true);
    expect(results.funnel.contacted).toBe(treatment.length);
    expect(results.arms.treatment.enrolled).toBe(treatment.length);
    expect(results.arms.holdout.enrolled).toBe(holdout.length);
  });
});
