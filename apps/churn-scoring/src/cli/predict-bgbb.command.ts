// `predict-bgbb`: P(alive at n+1) and expected transactions in the next n* opportunities for one history.
import {
  assertValidBgBbHistory,
  assertValidBgBbParams,
  bgBbConditionalExpectedTransactions,
  bgBbProbabilityAlive,
} from '@merchant-pulse/bgnbd';
import { CliIo } from './cli.io';
import { parseFlags, requiredNumber } from './cli-args.parser';
import { asUsageError, EXIT_OK, UsageError } from './usage.error';

export const PREDICT_BGBB_USAGE =
  'predict-bgbb --alpha <α> --beta <β> --gamma <γ> --delta <δ> --x <repeat transactions> --tx <recency> --n <opportunities> --nstar <horizon>';

const FLAGS = ['alpha', 'beta', 'gamma', 'delta', 'x', 'tx', 'n', 'nstar'] as const;

/**
 * Prints `{"pAlive":…,"expectedTransactions":…}`: P(alive at opportunity n+1 | x, t_x, n) and
 * E[X(n, n+n*) | x, t_x, n], the expected transactions in the next n* opportunities.
 */
export function runPredictBgbb(args: readonly string[], io: CliIo): number {
  const flags = parseFlags(args, FLAGS);
  const [alpha, beta, gamma, delta, x, tx, n, nStar] = FLAGS.map((name) => requiredNumber(flags, name));
  const params = { alpha, beta, gamma, delta };
  const history = { x, tx, n };
  asUsageError(() => assertValidBgBbParams(params));
  asUsageError(() => assertValidBgBbHistory(history));
  if (!Number.isInteger(nStar) || nStar < 0) {
    throw new UsageError(`option --nstar must be a non-negative integer, got ${nStar}`);
  }
  const pAlive = bgBbProbabilityAlive(params, history);
  const expectedTransactions = bgBbConditionalExpectedTransactions(params, history, nStar);
  io.out(JSON.stringify({ pAlive, expectedTransactions }));
  return EXIT_OK;
}
