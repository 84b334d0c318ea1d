// The uplift experiment of issue 11 on ≥ 2,000 simulated merchants: the campaign side (enrolment by
// risk, holdout by legal entity, conversions from merchant.activity.v1, GET results) against the
// simulator's response model, whose true lift is known. Contacted = every treatment merchant here
// (the campaign side alone: treatment merchants are the ones handed steps); with outreach running,
// the demo feeds the simulator the OutreachSent merchants instead.
import { INestApplication } from '@nestjs/common';
import { AnyEvent, Topics } from '@merchant-pulse/contracts';
import { createKafkaClient, EventProducer, TopicNamer } from '@merchant-pulse/kafka';
import {
  createTestSchema,
  createTestTopics,
  expectEventually,
  testInfra,
  TestSchema,
  TestTopics,
} from '@merchant-pulse/testing';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import {
  activityEvent,
  bootApp,
  registeredEvent,
  riskEvent,
  SECRET,
  sendEvents,
} from '../../apps/reactivation-campaigns/test/campaigns.fixtures';
import { EnrolmentRepository } from '../../apps/reactivation-campaigns/src/enrolment/enrolment.repository';
import { campaignResponse, campaignResponseTruth, CampaignResponseConfig } from './campaign-response';

jest.setTimeout(600_000);

const MERCHANTS = Number(process.env.UPLIFT_MERCHANTS ?? 2_400);
const CONFIG: CampaignResponseConfig = { seed: 11, baseRate: 0.1, lift: 0.15, maxDay: 20, minApproved: 3 };

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

describe('campaign uplift on simulated merchants', () => {
  let schema: TestSchema;
  let topics: TestTopics;
  let app: INestApplication;
  let producer: EventProducer;

  beforeAll(async () => {
    schema = await createTestSchema('camp_uplift');
    topics = await createTestTopics('camp_uplift', 1);
    producer = new EventProducer(
      createKafkaClient({ brokers: testInfra.kafkaBrokers, clientId: 'camp-uplift' }),
      new TopicNamer(topics.prefix),
    );
    ({ app } = await bootApp(schema.schema, topics.prefix, '2026-03-01T04:00:00.000Z'));
  });

  afterAll(async () => {
    await app?.close();
    await producer?.disconnect?.();
    await schema?.drop();
    await topics?.drop();
  });

  it(`should measure the realised uplift, with an interval consistent with the simulated lift, on ${MERCHANTS} merchants`, async () => {
    const ids = Array.from({ length: MERCHANTS }, (_, i) => `SIM-M${String(i).padStart(5, '0')}`);
    // Chains: every 10th legal entity has three stores.
    const entity = (i: number) => `le-${i % 10 === 0 ? Math.floor(i / 3) * 3 : i}`;
    const chunks = <T>(xs: T[]) =>
      Array.from({ length: Math.ceil(xs.length / 500) }, (_, k) => xs.slice(k * 500, k * 500 + 500));
    const send = async (topic: string, events: AnyEvent[]) => {
      for (const c of chunks(events)) await sendEvents(producer, topic, c);
    };
    await send(
      Topics.MerchantLifecycle,
      ids.map((id, i) => registeredEvent(id, { legalEntityId: entity(i) })),
    );
    await send(
      Topics.MerchantActivity,
      ids.map((id) => activityEvent(id, '2026-01-20', 6, '2026-01-21T00:00:00.000Z', 0.3)),
    );

    const created = await request(app.getHttpServer())
      .post('/v1/campaigns')
      .set('Authorization', `Bearer ${SECRET}`)
      .send({
        name: 'Simulated win-back',
        kind: 'triggered',
        audience: { behaviourTiers: ['dormant'] },
        steps: [{ channel: 'sms', delayDays: 0, templateId: 'winback-sms' }],
      })
      .expect(201);
    const campaignId = created.body.id as string;
    await request(app.getHttpServer())
      .post(`/v1/campaigns/${campaignId}/launch`)
      .set('Authorization', `Bearer ${SECRET}`)
      .send({})
      .expect(200);

    // The churn service flags them dormant (its MerchantRiskChanged events).
    await send(
      Topics.ChurnRisk,
      ids.map((id) => riskEvent(id, 'dormant', '2026-03-01T00:00:00.000Z')),
    );
    const enrolled = await expectEventually(
      async () => {
        const rows = await app.get(EnrolmentRepository).ofCampaign(campaignId);
        expect(rows).toHaveLength(MERCHANTS);
        return rows;
      },
      { timeoutMs: 240_000, intervalMs: 1_000 },
    );

    // The simulator responds: contacted = treatment; every merchant here faded (winnable).
    const responses = enrolled.map((e) => ({
      ...campaignResponse(CONFIG, e.merchantId, { contacted: e.arm === 'treatment', winnable: true }),
      arm: e.arm,
      enrolledOn: e.enrolledOn,
    }));
    const truth = campaignResponseTruth(CONFIG, responses);
    // What the experiment estimates is the lift on the enrolled merchants: each one's outcome if
    // contacted minus its outcome if not, averaged (both are known to the simulator). With this seed it
    // is 0.141, not the 0.15 the response model draws from.
    const populationLift =
      enrolled.reduce((sum, e) => {
        const ifContacted = campaignResponse(CONFIG, e.merchantId, { contacted: true, winnable: true });
        const ifNot = campaignResponse(CONFIG, e.merchantId, { contacted: false, winnable: true });
        return sum + Number(ifContacted.reactivates) - Number(ifNot.reactivates);
      }, 0) / enrolled.length;
    const comeback = responses.filter((r) => r.reactivates);
    await send(
      Topics.MerchantActivity,
      comeback.map((r) => {
        const date = addDays(r.enrolledOn, r.dayOffset);
        return activityEvent(r.merchantId, date, r.approvedCount, `${addDays(date, 1)}T00:00:00.000Z`, 0.3);
      }),
    );
    const results = await expectEventually(
      async () => {
        const body = (
          await request(app.getHttpServer())
            .get(`/v1/campaigns/${campaignId}/results`)
            .set('Authorization', `Bearer ${SECRET}`)
            .expect(200)
        ).body;
        expect(body.arms.treatment.converted + body.arms.holdout.converted).toBe(comeback.length);
        return body;
      },
      { timeoutMs: 240_000, intervalMs: 1_000 },
    );
    const report = {
      merchants: MERCHANTS,
      config: CONFIG,
      truth,
      populationLift,
      measured: { arms: results.arms, uplift: results.uplift },
    };
    writeFileSync(join(tmpdir(), 'campaign-uplift-ground-truth.json'), JSON.stringify(report, null, 2));
    console.log(
      JSON.stringify({
        truth,
        populationLift,
        uplift: results.uplift,
        arms: { t: results.arms.treatment, h: results.arms.holdout },
      }),
    );

    expect(results.arms.treatment.converted).toBe(truth.treatment.reactivated);
    expect(results.arms.holdout.converted).toBe(truth.holdout.reactivated);
    expect(results.arms.holdout.enrolled).toBeGreaterThan(MERCHANTS * 0.07);
    // The measured difference is the realised one, and its 95 % interval brackets it.
    expect(results.uplift.difference).toBeCloseTo(truth.realisedUplift, 10);
    expect(results.uplift.lower).toBeLessThan(results.uplift.difference);
    expect(results.uplift.upper).toBeGreaterThan(results.uplift.difference);
    // The arms are drawn per run (a hash of the new campaign's id), so a 95 % interval misses even
    // the population's lift in about 1 run of 20 (it missed 0.15 once in CI: upper 0.1466). The
    // interval stretched to 99.9 % (z 3.29 instead of 1.96) must contain it: a correct measurement
    // fails that about once in 1,000 runs, a biased one every time.
    const stretch = 3.29 / 1.96;
    const { difference, lower, upper } = results.uplift;
    expect(difference - (difference - lower) * stretch).toBeLessThanOrEqual(populationLift);
    expect(difference + (upper - difference) * stretch).toBeGreaterThanOrEqual(populationLift);
    // …and it must be informative at this sample size.
    expect(upper - lower).toBeLessThan(0.15);
  });
});
