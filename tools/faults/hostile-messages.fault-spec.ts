import { Topics } from '@merchant-pulse/contracts';
import { merchantRegistered, rawTx } from '../../apps/transaction-ingestion/test/ingestion.fixtures';
import { BUSINESS_DAY, lifecycleMessages, LoadMessage, planLoad, rawMessage } from './harness/fault-load';
import {
  bootWithMerchants,
  conclude,
  note,
  sleep,
  verifyExact,
  withIngestion,
} from './harness/fault.scenario';
import { eventsFor, faultSize } from './harness/fault.size';

jest.setTimeout(600_000);

const DEPTH = 20_000;
const nested = `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`;

/** Raw transactions no acquirer should send, each with its own id; all must be dead-lettered. */
function hostileTransactions(label: string, merchantId: string): Array<{ name: string; value: string }> {
  const tx = (name: string) =>
    rawTx({ transactionId: `${label}-bad-${name}`, merchantId, occurredAt: BUSINESS_DAY });
  const json = (name: string, o: object) => ({ name, value: JSON.stringify({ ...tx(name), ...o }) });
  return [
    json('nul-acquirer', { acquirerId: '\u0000', amountMinor: '12.x' }),
    { name: 'deep-array', value: JSON.stringify(tx('deep-array')).replace(/}$/, `,"extra":${nested}}`) },
    json('huge-terminal-id', { terminalId: 'T'.repeat(600_000) }),
    json('huge-field', { note: 'x'.repeat(600_000) }),
    {
      name: 'amount-past-2^53',
      value: JSON.stringify(tx('amount-past-2^53')).replace(
        /"amountMinor":\d+/,
        '"amountMinor":9007199254740993',
      ),
    },
    json('year-0000', { occurredAt: '0000-01-01T00:00:00Z' }),
    json('year-9999', { occurredAt: '9999-12-31T23:59:59Z' }),
  ];
}

/** A MerchantRegistered whose legal name is 20,000 nested arrays (~40 kB). */
function deepLifecycleEvent(label: string): string {
  return JSON.stringify(merchantRegistered(`${label}-ghost`)).replace(
    /"legalName":"[^"]*"/,
    `"legalName":${nested}`,
  );
}

describe('fault: hostile messages mixed into the load', () => {
  it('should dead-letter exactly the hostile messages, accept every valid one and keep consuming', async () => {
    // Parked transactions of the canary merchant (registered mid-load) are replayed every 2 s.
    await withIngestion('hostile', { MAINTENANCE_INTERVAL_MS: '2000' }, async (run) => {
      const plan = planLoad('hostile', eventsFor(0));
      await bootWithMerchants(run, plan.merchants);
      const hostile = hostileTransactions(run.label, plan.merchants[0]);
      const deepEvent = deepLifecycleEvent(run.label);
      // After the deep lifecycle event, a canary merchant registers and trades: its transactions
      // are accepted only if the lifecycle consumer survived the event before it.
      const canary = `${run.label}-canary`;
      const canaryTxs = Array.from({ length: 20 }, (_, i) =>
        rawTx({
          transactionId: `${canary}-tx-${i}`,
          merchantId: canary,
          amountMinor: 500 + i,
          occurredAt: BUSINESS_DAY,
        }),
      );
      plan.good.push(...canaryTxs);
      const third = Math.floor(plan.messages.length / 3);
      const messages: LoadMessage[] = [
        ...plan.messages.slice(0, third),
        ...hostile.map((h) => ({
          topic: Topics.AcquirerTransactions,
          key: plan.merchants[0],
          value: h.value,
        })),
        { topic: Topics.MerchantLifecycle, key: `${run.label}-ghost`, value: deepEvent },
        ...lifecycleMessages([canary]),
        ...plan.messages.slice(third, 2 * third),
        ...canaryTxs.map(rawMessage),
        ...plan.messages.slice(2 * third),
      ];
      const loadError = await run.producer.run(messages, faultSize.rate).catch((e: Error) => e);
      note(`hostile: ${hostile.map((h) => h.name).join(', ')} and a 20,000-deep lifecycle event sent`);
      await sleep(500);
      const verdict = await verifyExact(
        run,
        { plan, deadLetters: hostile.map((h) => h.value), lifecycleDeadLetters: [deepEvent] },
        Date.now(),
      );
      if (loadError) verdict.problems.unshift(loadError.message);
      conclude(
        [
          {
            scenario: 'hostile messages',
            fault: `${hostile.length} hostile transactions + 1 deep lifecycle event amid ${plan.good.length} valid`,
            faultMs: 0,
            resumedMs: null,
            drainedMs: verdict.drainedMs,
            unplannedRestarts: run.service.unplannedRestarts().length,
          },
        ],
        verdict.problems,
      );
    });
  });
});
