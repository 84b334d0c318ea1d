import { localDatabaseUrl, ServiceConfig } from '@merchant-pulse/platform';
import { IsIn, IsInt, Matches, Max, Min } from 'class-validator';

/** AfterSalesTickets configuration: environment validated once at boot (a bad value names its key). */
export class AfterSalesTicketsConfig extends ServiceConfig {
  override PORT: number = 3005;
  override DATABASE_SCHEMA: string = 'after_sales';
  override DATABASE_URL: string = localDatabaseUrl('after_sales_app');

  /** Whether this process runs the BullMQ workers and the SLA sweep (`true` by default). */
  @IsIn(['true', 'false'], { message: '$property must be true or false' })
  RUN_JOBS: string = 'true';

  /** Redis key prefix of the BullMQ queues (tests use one per run). */
  @Matches(/^[a-zA-Z0-9:._-]+$/, {
    message: '$property may contain only letters, digits, ":", ".", "_" and "-"',
  })
  QUEUE_PREFIX: string = 'pulse';

  /**
   * How often the SLA sweep looks for timers that are due (ms, default 1000): it fires timers whose
   * BullMQ job is missing or was delayed for a clock that has since been moved forward.
   */
  @IsInt({ message: '$property must be an integer between 100 and 60000' })
  @Min(100, { message: '$property must be an integer between 100 and 60000' })
  @Max(60_000, { message: '$property must be an integer between 100 and 60000' })
  SLA_SWEEP_INTERVAL_MS: number = 1000;

  /** SLA timer jobs one process runs at once (default 8). */
  @IsInt({ message: '$property must be an integer between 1 and 64' })
  @Min(1, { message: '$property must be an integer between 1 and 64' })
  @Max(64, { message: '$property must be an integer between 1 and 64' })
  SLA_TIMER_CONCURRENCY: number = 8;

  get runJobs(): boolean {
    return this.RUN_JOBS === 'true';
  }
}
