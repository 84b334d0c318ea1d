import { RawTransactionV1 } from '@merchant-pulse/contracts';
import { GatewayAnswer, GatewayClient } from './harness/gateway.client';
import { planLoad } from './harness/fault-load';
import {
  bootWithMerchants,
  conclude,
  note,
  sleep,
  verifyExact,
  withIngestion,
} from './harness/fault.scenario';
import { eventsFor, faultSize } from './harness/fault.size';
import { ledgerTotals } from './harness/ledger.probe';
import { restartRedis } from './servers/servers';

jest.setTimeout(600_000);

const SECRET = 'faults-acquirer-secret-0001';
const BATCH = 50;
/** Batches answered before the restart that the client sends again afterwards, same key. */
const RETRIED = 5;
/** Keys unique to this run: the gateway's answers outlive a run (in Redis, per acquirer). */
const keyOf = (prefix: string, i: number) => `${prefix}batch-${i}`;

function firstAfter(times: number[], since: number): number | undefined {
  const t = times.find((x) => x > since);
  return t === undefined ? undefined : t - since;
}

describe('fault: Redis restarted under gateway load with stored idempotency answers', () => {
  it('should account for every message exactly, answer retried keys consistently and resume by itself', async () => {
    await withIngestion('redis', { ACQUIRER_SECRETS: JSON.stringify({ 'acq-1': [SECRET] }) }, async (run) => {
      const plan = planLoad('redis', eventsFor(faultSize.redisDownMs + 3_000), 20, Number.MAX_SAFE_INTEGER);
      await bootWithMerchants(run, plan.merchants);
      const client = new GatewayClient(run.service.url, 'acq-1', SECRET);
      const batches: RawTransactionV1[][] = [];
      for (let i = 0; i < plan.good.length; i += BATCH) batches.push(plan.good.slice(i, i + BATCH));
      const bodies = batches.map((b) => JSON.stringify({ transactions: b }));
      const answers: GatewayAnswer[] = [];
      const answeredAt: number[] = [];
      const deadline = Date.now() + 300_000;
      const perBatchMs = (BATCH / faultSize.rate) * 1_000;
      const start = Date.now();
      const loading = (async () => {
        for (let i = 0; i < bodies.length && !client.aborted; i++) {
          const due = start + i * perBatchMs;
          if (due > Date.now()) await sleep(due - Date.now());
          answers[i] = await client.submitUntilAccepted(bodies[i], keyOf(run.prefix, i), deadline);
          answeredAt.push(Date.now());
        }
      })().catch((e: Error) => e);
      run.cleanups.push(async () => {
        client.aborted = true;
        await loading;
      });
      await sleep(faultSize.leadMs);
      const answeredBefore = answers.filter(Boolean).length;
      const down = Date.now();
      note(`redis: restarting with ${answeredBefore} idempotency answers stored`);
      const { persistent } = await restartRedis(faultSize.redisDownMs);
      const lifted = Date.now();
      note(`redis: answers PING again after ${lifted - down} ms (persistence ${persistent ? 'on' : 'off'})`);
      const loadError = await loading;
      const problems: string[] = [];
      for (let i = 0; i < Math.min(RETRIED, answeredBefore); i++) {
        const again = await client
          .submitUntilAccepted(bodies[i], keyOf(run.prefix, i), Date.now() + 30_000)
          .catch((e: Error) => ({ status: 0, body: { message: e.message } }) as GatewayAnswer);
        if (again.status !== 202 || again.body.accepted !== answers[i].body.accepted)
          problems.push(
            `retry of batch ${i} (same Idempotency-Key) after the restart answered ${again.status} ${JSON.stringify(again.body).slice(0, 150)}, first answer accepted ${answers[i].body.accepted}`,
          );
      }
      answers.forEach((a, i) => {
        if (a.body.accepted !== batches[i].length)
          problems.push(`batch ${i} answered 202 with ${a.body.accepted} of ${batches[i].length} accepted`);
      });
      const verdict = await verifyExact(run, { plan }, Date.now());
      problems.unshift(...verdict.problems);
      if (loadError) problems.unshift(loadError.message);
      const { duplicate } = await ledgerTotals(run.schema);
      note(
        `redis: ${client.failedAttempts} gateway attempts failed during the restart (last: ${client.lastFailure || 'none'}); ` +
          `${duplicate} transactions produced twice (retried keys whose answer Redis no longer held)`,
      );
      conclude(
        [
          {
            scenario: 'redis restarted',
            fault: `SHUTDOWN (persistence ${persistent ? 'on' : 'off'}), ${faultSize.redisDownMs / 1000} s down, started; ${client.failedAttempts} failed gateway attempts, ${duplicate} re-produced`,
            faultMs: lifted - down,
            // The gateway is what needs Redis: recovered at its first 202 after the restart.
            resumedMs: firstAfter(answeredAt, lifted),
            drainedMs: verdict.drainedMs,
            unplannedRestarts: run.service.unplannedRestarts().length,
          },
        ],
        problems,
      );
    });
  });
});
