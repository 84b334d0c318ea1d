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

jest.setTimeout(600_000);

/**
 * A killed member holds its partitions until its session times out (15 s), so each kill costs
 * about that long before the next replica consumes again; the load covers every kill.
 */
const PER_KILL_MS = 22_000;

describe('fault: the service SIGKILLed repeatedly mid-batch', () => {
  it('should account for every message exactly and resume after each kill without manual action', async () => {
    await withIngestion('sigkill', {}, async (run) => {
      const plan = planLoad('kill', eventsFor(faultSize.kills * PER_KILL_MS));
      await bootWithMerchants(run, plan.merchants);
      const loading = run.producer.run(plan.messages, faultSize.rate).catch((e: Error) => e);
      await sleep(faultSize.leadMs);
      const kills: Array<{ at: number; onTopic: number }> = [];
      for (let k = 1; k <= faultSize.kills; k++) {
        // Strike while a batch is being applied: right after the ledger moved.
        if (!(await run.watch.grows(faultSize.rate / 4, 60_000))) {
          note(`sigkill: no progress before kill ${k}; killing anyway`);
        }
        const at = Date.now();
        await run.service.kill('SIGKILL');
        kills.push({ at, onTopic: await backlog(run) });
        note(`sigkill: kill ${k}/${faultSize.kills} (ledger at ${run.watch.received})`);
        await sleep(1_500);
        await run.service.waitLive(90_000).catch(() => undefined);
      }
      const loadError = await loading;
      const { problems, drainedMs } = await verifyExact(run, { plan }, Date.now());
      if (loadError) problems.unshift(loadError.message);
      conclude(
        kills.map(({ at, onTopic }, i) => ({
          scenario: `SIGKILL ${i + 1}/${kills.length}`,
          fault: 'replica SIGKILLed mid-batch; the supervisor starts a new one after 1 s',
          faultMs: 0,
          resumedMs: run.watch.caughtUp(at, onTopic),
          drainedMs,
          unplannedRestarts: run.service.unplannedRestarts().length,
        })),
        problems,
      );
    });
  });
});
