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
import { startKafka, stopKafka } from './servers/servers';

jest.setTimeout(600_000);

describe('fault: the Kafka broker stopped and restarted under load', () => {
  it('should account for every message exactly and resume without manual action', async () => {
    await withIngestion('kafka', {}, async (run) => {
      const plan = planLoad('kafka', eventsFor(faultSize.kafkaDownMs));
      await bootWithMerchants(run, plan.merchants);
      const loading = run.producer.run(plan.messages, faultSize.rate).catch((e: Error) => e);
      await sleep(faultSize.leadMs);
      const down = Date.now();
      note('kafka: stopping the broker');
      await stopKafka();
      note('kafka: broker stopped');
      await sleep(faultSize.kafkaDownMs);
      await startKafka();
      const lifted = Date.now();
      const onTopicAtLift = await backlog(run);
      note(`kafka: broker answers again after ${lifted - down} ms`);
      const loadError = await loading;
      const { problems, drainedMs } = await verifyExact(run, { plan }, Date.now());
      if (loadError) problems.unshift(loadError.message);
      conclude(
        [
          {
            scenario: 'kafka broker down',
            fault: `broker stopped (SIGTERM), ${faultSize.kafkaDownMs / 1000} s down, restarted`,
            faultMs: lifted - down,
            resumedMs: run.watch.caughtUp(lifted, onTopicAtLift),
            drainedMs,
            unplannedRestarts: run.service.unplannedRestarts().length,
          },
        ],
        problems,
      );
    });
  });
});
