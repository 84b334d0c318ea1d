// `fit-bgnbd --summary <csv>`: maximum-likelihood BG/NBD fit of a customer summary file.
import { fitBgNbd, readSummaryCsv } from '@merchant-pulse/bgnbd';
import { CliIo } from './cli.io';
import { parseFlags, requiredFlag } from './cli-args.parser';
import { EXIT_FAILURE, EXIT_OK } from './usage.error';

export const FIT_BGNBD_USAGE =
  'fit-bgnbd --summary <csv>   fit BG/NBD to a summary CSV (header ID,frequency,recency,T or ID,x,t_x,T)';

/**
 * Reads the summary, fits, and prints `{"r","alpha","a","b","logLikelihood","iterations","ms"}` as
 * the last stdout line. Diagnostics go to stderr. An unconverged fit still prints its result but
 * exits 1, so scripts do not store it silently. Throws UsageError for bad arguments.
 */
export function runFitBgnbd(args: readonly string[], io: CliIo): number {
  const flags = parseFlags(args, ['summary']);
  const path = requiredFlag(flags, 'summary');
  io.err(`fit-bgnbd: reading ${path}`);
  const customers = readSummaryCsv(path);
  const repeat = customers.reduce((sum, c) => sum + c.x, 0);
  io.err(
    `fit-bgnbd: ${customers.length} customers, ${repeat} repeat transactions; fitting (BFGS on log-parameters)`,
  );
  const fit = fitBgNbd(customers);
  io.err(
    `fit-bgnbd: ${fit.converged ? 'converged' : 'NOT converged'} after ${fit.iterations} iterations, ` +
      `${fit.evaluations} evaluations, |gradient| ${fit.gradientNorm.toExponential(2)}, ${fit.ms.toFixed(1)} ms`,
  );
  const { r, alpha, a, b } = fit.params;
  const ms = Math.round(fit.ms * 1000) / 1000;
  io.out(
    JSON.stringify({ r, alpha, a, b, logLikelihood: fit.logLikelihood, iterations: fit.iterations, ms }),
  );
  return fit.converged ? EXIT_OK : EXIT_FAILURE;
}
