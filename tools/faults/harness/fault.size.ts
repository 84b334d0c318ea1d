/**
 * Two sizes of the suite. `bounded` (what `npm test` runs, ~2 minutes on 2 cores): short outages,
 * one SIGKILL. `full` (`npm run test:faults`): the outages the issue names (Kafka down 20 s, three
 * SIGKILLs in a row), higher load.
 */
export interface FaultSize {
  name: 'bounded' | 'full';
  /** Steady load, messages per second. */
  rate: number;
  /** Load before the fault strikes and after it is lifted, ms. */
  leadMs: number;
  tailMs: number;
  kafkaDownMs: number;
  postgresDownMs: number;
  redisDownMs: number;
  kills: number;
  /** How long the ledger may take to account for every message once the load ended. */
  drainTimeoutMs: number;
  /** Declared stuck when the ledger has not moved for this long while messages are unaccounted. */
  stallMs: number;
}

const BOUNDED: FaultSize = {
  name: 'bounded',
  rate: 400,
  leadMs: 2_000,
  tailMs: 2_000,
  kafkaDownMs: 5_000,
  postgresDownMs: 3_000,
  redisDownMs: 2_000,
  kills: 1,
  drainTimeoutMs: 60_000,
  stallMs: 20_000,
};

const FULL: FaultSize = {
  name: 'full',
  rate: 1_000,
  leadMs: 5_000,
  tailMs: 10_000,
  kafkaDownMs: 20_000,
  postgresDownMs: 10_000,
  redisDownMs: 5_000,
  kills: 3,
  drainTimeoutMs: 120_000,
  stallMs: 45_000,
};

export const faultSize: FaultSize = process.env.FAULTS_SIZE === 'full' ? FULL : BOUNDED;

/** Messages for a load that runs `leadMs` + the fault + `tailMs` at the size's rate. */
export function eventsFor(faultMs: number, size = faultSize): number {
  return Math.round(((size.leadMs + faultMs + size.tailMs) / 1_000) * size.rate);
}
