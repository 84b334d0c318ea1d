import { createEvent, Topics } from '@merchant-pulse/contracts';
import { createKafkaClient, EventProducer, TopicNamer } from '@merchant-pulse/kafka';
import {
  campaignResponse,
  campaignResponseTruth,
  CampaignResponseConfig,
  WINNABLE_KINDS,
} from '../simulator/campaign-response';
import type { ScenarioKind } from '../simulator/world.types';
import { addDays, DemoApi } from './demo-api';

const CAMPAIGNS = 'http://127.0.0.1:3004';

/** The simulated response to the demo's win-back campaign (ground truth printed beside the measurement). */
export const DEMO_RESPONSE: CampaignResponseConfig = {
  seed: 11,
  baseRate: 0.1,
  lift: 0.15,
  maxDay: 20,
  minApproved: 3,
};

/** Name of the demo's win-back campaign. */
const DEMO_CAMPAIGN_NAME = 'Win back dormant merchants (demo)';

/** Creates and launches the demo's triggered campaign BEFORE churn scoring flags anyone. */
export async function launchDemoCampaign(api: DemoApi): Promise<string> {
  // The services' schemas persist between demo runs: complete the win-back campaigns earlier runs left
  // running, or they would enrol and contact this run's merchants too (and the cross-campaign frequency
  // cap would then hold this run's sends back).
  const running = await api.get<{ items: Array<{ id: string; name: string }> }>(
    `${CAMPAIGNS}/v1/campaigns?status=running&kind=triggered&limit=200`,
  );
  for (const old of running.items.filter((c) => c.name === DEMO_CAMPAIGN_NAME))
    await api.post(`${CAMPAIGNS}/v1/campaigns/${old.id}/complete`, {});
  const campaign = await api.post<{ id: string }>(`${CAMPAIGNS}/v1/campaigns`, {
    name: DEMO_CAMPAIGN_NAME,
    kind: 'triggered',
    audience: { behaviourTiers: ['dormant', 'churned'] },
    steps: [
      // SMS through the demo's local gateway sink; merchants without SMS consent get a call task instead.
      { channel: 'sms', delayDays: 0, templateId: 'reactivation-default', fallbackChannels: ['phone_task'] },
      { channel: 'phone_task', delayDays: 2, templateId: 'reactivation-default' },
    ],
  });
  await api.post(`${CAMPAIGNS}/v1/campaigns/${campaign.id}/launch`, {});
  return campaign.id;
}

/** A merchant whose scenario is unknown (not simulated) counts as winnable. */
function isWinnable(kind: ScenarioKind | undefined): boolean {
  return kind === undefined || WINNABLE_KINDS.includes(kind);
}

interface EnrolmentRow {
  merchantId: string;
  arm: 'treatment' | 'holdout';
  enrolledOn: string;
}

/**
 * After churn scoring flagged merchants: the simulator responds to the campaign (contacted = every
 * treatment merchant — the treatment arm is what outreach is handed; the simulator cannot see sends),
 * its comeback days are published as merchant.activity.v1 snapshots (the demo clock stands at the end
 * of the simulated span, so the comeback is injected as ingestion would report it), and the demo prints
 * the funnel and the uplift with its interval beside the simulated truth.
 */
export async function reportDemoCampaign(
  api: DemoApi,
  campaignId: string,
  scenarioOf: (merchantId: string) => ScenarioKind | undefined,
  brokers: string[],
): Promise<void> {
  const waitFor = async <T>(probe: () => Promise<T | null>, timeoutMs = 60_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== null) return value;
      if (Date.now() > deadline) throw new Error('demo campaign: timed out');
      await new Promise((r) => setTimeout(r, 1_000));
    }
  };
  let last = -1;
  const enrolments = await waitFor(async () => {
    const { items } = await api.get<{ items: EnrolmentRow[] }>(
      `${CAMPAIGNS}/v1/campaigns/${campaignId}/enrolments`,
    );
    const stable = items.length > 0 && items.length === last;
    last = items.length;
    return stable ? items : null;
  });
  const responses = enrolments.map((e) => ({
    ...campaignResponse(DEMO_RESPONSE, e.merchantId, {
      contacted: e.arm === 'treatment',
      winnable: isWinnable(scenarioOf(e.merchantId)),
    }),
    arm: e.arm,
    enrolledOn: e.enrolledOn,
  }));
  const truth = campaignResponseTruth(DEMO_RESPONSE, responses);
  const producer = new EventProducer(
    createKafkaClient({ brokers, clientId: 'demo-campaign' }),
    new TopicNamer(''),
  );
  const comeback = responses.filter((r) => r.reactivates);
  await producer.send(
    comeback.map((r) => {
      const date = addDays(r.enrolledOn, r.dayOffset);
      const amount = r.approvedCount * 4_000;
      const zero = { count: 0, amountMinor: 0, feeMinor: 0 };
      const fee = Math.round(amount * 0.0038);
      const event = createEvent('MerchantDailyActivity', {
        merchantId: r.merchantId,
        producer: 'transaction-ingestion',
        payload: {
          date,
          timezone: 'Asia/Shanghai',
          currency: 'CNY',
          approvedCount: r.approvedCount,
          declinedCount: 0,
          approvedAmountMinor: amount,
          refundCount: 0,
          refundAmountMinor: 0,
          reversalCount: 0,
          reversalAmountMinor: 0,
          netAmountMinor: amount,
          feeMinor: fee,
          byChannel: {
            credit: zero,
            debit: zero,
            qr_alipay: zero,
            qr_wechat: { count: r.approvedCount, amountMinor: amount, feeMinor: fee },
            unionpay_qr: zero,
          },
          cardReadFailureCount: 0,
          hourlyApprovedCounts: Array.from({ length: 24 }, (_, h) => (h === 15 ? r.approvedCount : 0)),
          activeTerminalCount: 1,
          asOf: `${addDays(date, 1)}T00:00:00.000Z`,
        },
      });
      return { topic: Topics.MerchantActivity, key: r.merchantId, value: Buffer.from(JSON.stringify(event)) };
    }),
  );
  await producer.disconnect?.();
  type Results = {
    arms: Record<
      'treatment' | 'holdout',
      { enrolled: number; converted: number; conversionRate: number | null }
    >;
    funnel: { contacted: number; delivered: number; skippedByReason: Record<string, number>; wired: boolean };
    uplift: { difference: number | null; lower: number | null; upper: number | null; method: string };
    incrementalFeeMinor: number | null;
  };
  const results = await waitFor(async () => {
    const r = await api.get<Results>(`${CAMPAIGNS}/v1/campaigns/${campaignId}/results`);
    return r.arms.treatment.converted + r.arms.holdout.converted === comeback.length ? r : null;
  });
  const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
  const { treatment: t, holdout: h } = results.arms;
  console.log(`enrolled: treatment ${t.enrolled}, holdout ${h.enrolled} (holdout by legal entity)`);
  console.log(
    `funnel: contacted ${results.funnel.contacted}, delivered ${results.funnel.delivered}, skipped ${JSON.stringify(results.funnel.skippedByReason)}`,
  );
  console.log(
    `converted: treatment ${t.converted} (${pct(t.conversionRate)}), holdout ${h.converted} (${pct(h.conversionRate)})`,
  );
  const u = results.uplift;
  console.log(`uplift ${pct(u.difference)}  95% CI [${pct(u.lower)}, ${pct(u.upper)}] (${u.method})`);
  const inside =
    u.lower !== null &&
    u.upper !== null &&
    u.lower <= truth.expectedUplift &&
    truth.expectedUplift <= u.upper;
  console.log(
    `simulated truth: lift ${pct(truth.lift)} for contacted winnable merchants → expected uplift ${pct(truth.expectedUplift)} ` +
      `(realised ${pct(truth.realisedUplift)}); inside the interval: ${inside ? 'yes' : 'no'}`,
  );
}
