/**
 * Gathers the timer jobs the BullMQ worker runs at the same moment into one batch, so a burst of due
 * timers costs one transaction per batch instead of one per timer. A batch goes when it is full or
 * `lingerMs` after its first job, whichever comes first; each job gets its own outcome, or the batch's
 * error (BullMQ then retries the job, and a retried job whose timer has fired meanwhile is stale).
 */
export class FiringBatcher<J, R> {
  private pending: Array<{ job: J; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly run: (jobs: J[]) => Promise<R[]>,
    private readonly maxSize: number,
    private readonly lingerMs: number,
  ) {}

  submit(job: J): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ job, resolve, reject });
      if (this.pending.length >= this.maxSize) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.lingerMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    this.run(batch.map((b) => b.job)).then(
      (results) => batch.forEach((b, i) => b.resolve(results[i])),
      (error: unknown) => batch.forEach((b) => b.reject(error)),
    );
  }
}
