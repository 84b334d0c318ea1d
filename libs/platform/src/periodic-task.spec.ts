import { PeriodicTask } from './periodic-task';

describe(PeriodicTask.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const gate = () => {
    let open!: () => void;
    const promise = new Promise<void>((resolve) => (open = resolve));
    return { promise, open };
  };

  it('should run the work every interval once started, and no more after stop', async () => {
    let runs = 0;
    const task = new PeriodicTask(async () => void runs++, { error: jest.fn() }, 'failed');
    task.start(1_000);
    await jest.advanceTimersByTimeAsync(3_500);
    expect(runs).toBe(3);
    await task.stop();
    await jest.advanceTimersByTimeAsync(5_000);
    expect(runs).toBe(3);
  });

  it('should join the run in hand instead of starting a second one when ticks overlap', async () => {
    const { promise, open } = gate();
    let runs = 0;
    const task = new PeriodicTask(
      async () => {
        runs++;
        await promise;
      },
      { error: jest.fn() },
      'failed',
    );
    const first = task.run();
    const second = task.run();
    expect(second).toBe(first);
    open();
    await first;
    expect(runs).toBe(1);
    await task.run();
    expect(runs).toBe(2);
  });

  it('should log a failed run with its message and run again next time', async () => {
    const error = jest.fn();
    let calls = 0;
    const task = new PeriodicTask(
      async () => {
        calls++;
        if (calls === 1) throw new Error('boom');
      },
      { error },
      'job failed',
    );
    await expect(task.run()).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledWith({ err: expect.objectContaining({ message: 'boom' }) }, 'job failed');
    await task.run();
    expect(calls).toBe(2);
  });

  it('should wait for the run in hand when stopped', async () => {
    const { promise, open } = gate();
    let finished = false;
    const task = new PeriodicTask(
      async () => {
        await promise;
        finished = true;
      },
      { error: jest.fn() },
      'failed',
    );
    void task.run();
    const stopped = task.stop().then(() => finished);
    open();
    expect(await stopped).toBe(true);
  });
});
