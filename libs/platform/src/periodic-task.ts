import type { Logger } from '@merchant-pulse/observability';

/**
 * A service's background loop: runs `work` every interval (timer unref'd, so it never keeps the
 * process alive), never two runs at once — a tick that finds a run in hand joins it — and a failed run
 * is logged and retried at the next tick. `stop()` (from `onApplicationShutdown`) clears the timer and
 * waits for the run in hand. Tests and ops endpoints call {@link run} directly.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly work: () => Promise<unknown>,
    private readonly logger: Pick<Logger, 'error'>,
    private readonly failureMessage: string,
  ) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.run(), intervalMs);
    this.timer.unref();
  }

  /** One run now, or the one in hand; never rejects (failures are logged). */
  run(): Promise<void> {
    this.running ??= this.work()
      .then(() => undefined)
      .catch((err: unknown) => this.logger.error({ err }, this.failureMessage))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
