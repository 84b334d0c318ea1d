// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: object) => Promise<AutocannonResult>;

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p99: number; max: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}

/** One load scenario: a path generator, a fixed rate (req/s) or max throughput, and its duration. */
export interface Scenario {
  name: string;
  url: string;
  path: () => string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  /** Requests per second across all connections; omitted = as fast as possible. */
  rate?: number;
}

/** Runs a scenario with autocannon and returns the figures printed as one JSON line. */
export async function runScenario(s: Scenario): Promise<Record<string, number | string>> {
  const result = await autocannon({
    url: s.url,
    connections: s.connections,
    duration: s.seconds,
    ...(s.rate ? { overallRate: s.rate } : {}),
    headers: s.headers,
    requests: [{ setupRequest: (req: object) => ({ ...req, path: s.path() }) }],
  });
  return {
    scenario: s.name,
    targetRps: s.rate ?? 'max',
    connections: s.connections,
    seconds: s.seconds,
    throughputRps: Math.round(result.requests.total / result.duration),
    requests: result.requests.total,
    p50Ms: result.latency.p50,
    p90Ms: result.latency.p90,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
