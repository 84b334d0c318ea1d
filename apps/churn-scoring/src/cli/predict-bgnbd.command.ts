// `predict-bgnbd`: P(alive) and expected transactions for one customer history.
import {
  assertValidHistory,
  assertValidParams,
  conditionalExpectedTransactions,
  probabilityAlive,
} from '@merchant-pulse/bgnbd';
import { CliIo } from './cli.io';
import { parseFlags, requiredNumber } from './cli-args.parser';
import { asUsageError, EXIT_OK, UsageError } from './usage.error';

export const PREDICT_BGNBD_USAGE =
  'predict-bgnbd --r <r> --alpha <α> --a <a> --b <b> --x <repeat purchases> --tx <recency> --T <age> --t <horizon>';

const FLAGS = ['r', 'alpha', 'a', 'b', 'x', 'tx', 'T', 't'] as const;

/**
 * Prints `{"pAlive":…,"expectedTransactions":…}`: P(alive | x, t_x, T) and E[Y(t) | x, t_x, T]
 * (expected transactions in the next t time units, in the unit of α, t_x and T).
 */
export function runPredictBgnbd(args: readonly string[], io: CliIo): number {
  const flags = parseFlags(args, FLAGS);
  const [r, alpha, a, b, x, tx, T, t] = FLAGS.map((name) => requiredNumber(flags, name));
  const params = { r, alpha, a, b };
  const history = { x, tx, T };
  asUsageError(() => assertValidParams(params));
  asUsageError(() => assertValidHistory(history));
  if (t < 0) throw new UsageError(`option --t must be ≥ 0, got ${t}`);
  const pAlive = probabilityAlive(params, history);
  const expectedTransactions = conditionalExpectedTransactions(params, history, t);
  io.out(JSON.stringify({ pAlive, expectedTransactions }));
  return EXIT_OK;
}
