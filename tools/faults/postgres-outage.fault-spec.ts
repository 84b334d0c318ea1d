import { planLoad } from './harness/fault-load';
import {
  backlog,
  bootWithMerchants,
  conclude,
  note,
  sleep,
  verifyExact,
  withIngestion,
} from './harness/fault.scenario';
import { eventsFor, faultSize } from './harness/fault.size';
import { restartPostgres, terminateConnections } from './servers/servers';

jest.setTimeout(600_000);

/** Between the two faults the load runs on, so the service has to recover from the first alone. */
const BETWEEN_MS = 3_000;

describe('fault: Postgres connections terminated, then Postgres restarted, under load', () => {
  it('should account for every message exactly and resume without manual action', async () => {
    await withIngestion('postgres', {}, async (run) => {
      const plan = planLoad('pg', eventsFor(faultSize.postgresDownMs + BETWEEN_MS + 5_000));
      await bootWithMerchants(run, plan.merchants);
      const loading = run.producer.run(plan.messages, faultSize.rate).catch((e: Error) => e);
      await sleep(faultSize.leadMs);
      const cut = Date.now();
      const terminated = await terminateConnections('transaction-ingestion');
      const onTopicAtCut = await backlog(run);
      note(`postgres: terminated ${terminated} connections of the service`);
      await sleep(BETWEEN_MS);
      const down = Date.now();
      note('postgres: stopping the cluster (fast shutdown)');
      await restartPostgres(faultSize.postgresDownMs);
      const lifted = Date.now();
      const onTopicAtLift = await backlog(run);
      note(`postgres: accepting connections again after ${lifted - down} ms`);
      const loadError = await loading;
      const { problems, drainedMs } = await verifyExact(run, { plan }, Date.now());
      if (loadError) problems.unshift(loadError.message);
      if (terminated === 0) problems.push('no connection of the service found to terminate');
      const caughtUpAfterCut = run.watch.caughtUp(cut, onTopicAtCut);
      const unplannedRestarts = run.service.unplannedRestarts().length;
      conclude(
        [
          {
            scenario: 'postgres connections terminated',
            fault: `pg_terminate_backend of the service's ${terminated} connections`,
            faultMs: 0,
            resumedMs:
              caughtUpAfterCut !== undefined && cut + caughtUpAfterCut < down ? caughtUpAfterCut : undefined,
            drainedMs,
            unplannedRestarts,
          },
          {
            scenario: 'postgres restarted',
            fault: `cluster stopped (fast), ${faultSize.postgresDownMs / 1000} s down, started`,
            faultMs: lifted - down,
            resumedMs: run.watch.caughtUp(lifted, onTopicAtLift),
            drainedMs,
            unplannedRestarts,
          },
        ],
        problems,
      );
    });
  });
});
