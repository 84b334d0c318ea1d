import type { InjectionToken } from '@nestjs/common';

/** A dependency the service needs to serve traffic (`postgres`, `kafka`, `redis`). */
export interface HealthCheck {
  /** Name reported by `GET /health/ready`, e.g. `postgres`. Unique per service. */
  name: string;
  /** Resolves when the dependency answers; rejects (or never settles) when it does not. */
  check(): Promise<void>;
}

/**
 * A {@link HealthCheck} built by Nest from injected dependencies, e.g.
 * `{ inject: [DataSource], useFactory: (ds: DataSource) => postgresCheck(ds) }`.
 */
export interface HealthCheckFactory {
  inject?: InjectionToken[];
  // Nest factories take whatever their inject list resolves to.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  useFactory: (...dependencies: any[]) => HealthCheck | Promise<HealthCheck>;
}

/**
 * A check failure whose message is safe to show on the public readiness probe (it names no host,
 * port, URL or credential), e.g. "consumers are joining their groups". Any other error is reported as
 * `unavailable` and only logged, because driver errors carry addresses ("connect ECONNREFUSED 10.0.3.7:9092").
 */
export class PublicHealthCheckError extends Error {}

/** Outcome of one check in the readiness report. */
export type HealthCheckResult =
  { status: 'up'; latencyMs: number } | { status: 'down'; latencyMs: number; error: string };

/** Body of `GET /health/ready`: 200 when `status` is `ok`, 503 naming the `failed` checks otherwise. */
export type ReadinessReport =
  | { status: 'ok'; checks: Record<string, HealthCheckResult> }
  | { status: 'error'; failed: string[]; checks: Record<string, HealthCheckResult> };
