import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER } from '../logging/logger.token';
import {
  HealthCheck,
  HealthCheckResult,
  PublicHealthCheckError,
  ReadinessReport,
} from './health-check.interface';

/** Injection token of the checks registered through `ObservabilityModule.forRoot({ healthChecks })`. */
export const HEALTH_CHECKS = Symbol('merchant-pulse:health-checks');
/** Injection token of the liveness checks (`ObservabilityModule.forRoot({ livenessChecks })`). */
export const LIVENESS_CHECKS = Symbol('merchant-pulse:liveness-checks');

/** Injection token of the per-check timeout in milliseconds. */
export const HEALTH_CHECK_TIMEOUT_MS = Symbol('merchant-pulse:health-check-timeout-ms');
/** A check slower than this is reported down. */
export const DEFAULT_HEALTH_CHECK_TIMEOUT_MS = 2000;

/** What the public probe says about a failed check whose error is not a {@link PublicHealthCheckError}. */
export const UNAVAILABLE = 'unavailable';

/**
 * Runs the readiness checks. Checks come from `ObservabilityModule.forRoot({ healthChecks })` or are
 * added at boot with {@link register} (e.g. by a lib's `onModuleInit`). The report names each
 * dependency but never its address: a failure's detail goes to the log, the probe says `unavailable`
 * or `timed out after N ms` (or a {@link PublicHealthCheckError}'s own message).
 */
@Injectable()
export class HealthService {
  private readonly checks = new Map<string, HealthCheck>();

  constructor(
    @Inject(HEALTH_CHECKS) checks: HealthCheck[],
    @Inject(HEALTH_CHECK_TIMEOUT_MS) private readonly timeoutMs: number,
    @Optional() @Inject(LOGGER) private readonly logger?: Pick<Logger, 'warn'>,
    /** In-process checks only (a dependency being down is readiness' business, not a reason to restart). */
    @Optional() @Inject(LIVENESS_CHECKS) private readonly livenessChecks: HealthCheck[] = [],
  ) {
    checks.forEach((check) => this.register(check));
  }

  /** Adds a check; names are unique so the report cannot hide one dependency behind another. */
  register(check: HealthCheck): void {
    if (this.checks.has(check.name)) throw new Error(`Health check "${check.name}" is registered twice`);
    this.checks.set(check.name, check);
  }

  /** Runs every check concurrently, each bounded by the timeout, and names the ones that failed. */
  async readiness(): Promise<ReadinessReport> {
    return this.report([...this.checks.values()]);
  }

  private async report(checkList: HealthCheck[]): Promise<ReadinessReport> {
    const entries = await Promise.all(
      checkList.map(async (check) => [check.name, await this.run(check)] as const),
    );
    const checks = Object.fromEntries(entries);
    const failed = entries.filter(([, result]) => result.status === 'down').map(([name]) => name);
    return failed.length === 0 ? { status: 'ok', checks } : { status: 'error', failed, checks };
  }

  /** Runs the liveness checks: `ok` while the process can still do its work without a restart. */
  async liveness(): Promise<ReadinessReport> {
    return this.report(this.livenessChecks ?? []);
  }

  private async run(check: HealthCheck): Promise<HealthCheckResult> {
    const started = performance.now();
    const latencyMs = () => Math.round(performance.now() - started);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new PublicHealthCheckError(`timed out after ${this.timeoutMs} ms`);
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(timedOut), this.timeoutMs);
    });
    try {
      await Promise.race([Promise.resolve().then(() => check.check()), timeout]);
      return { status: 'up', latencyMs: latencyMs() };
    } catch (error) {
      return { status: 'down', latencyMs: latencyMs(), error: this.publicReason(check, error) };
    } finally {
      clearTimeout(timer);
    }
  }

  private publicReason(check: HealthCheck, error: unknown): string {
    if (error instanceof PublicHealthCheckError) return error.message;
    this.logger?.warn({ check: check.name, err: error }, `readiness check ${check.name} failed`);
    return UNAVAILABLE;
  }
}
