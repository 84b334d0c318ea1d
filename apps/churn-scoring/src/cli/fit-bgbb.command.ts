// `fit-bgbb --summary <csv>`: maximum-likelihood BG/BB fit of a recency/frequency table.
import { fitBgBb, readRfSummaryCsv } from '@merchant-pulse/bgnbd';
import { CliIo } from './cli.io';
import { parseFlags, requiredFlag } from './cli-args.parser';
import { EXIT_FAILURE, EXIT_OK } from './usage.error';

export const FIT_BGBB_USAGE =
  'fit-bgbb --summary <csv>    fit BG/BB to an RF table (header frequency,recency,n[,n_custs]; n = opportunities)';

/**
 * Reads the RF table, fits, and prints
 * `{"alpha","beta","gamma","delta","logLikelihood","aic","n","iterations","ms"}` as the last stdout
 * line, where n is the number of customers (the sample size behind the AIC). An invalid table prints
 * every bad line on stderr and exits 1 without fitting; an unconverged fit prints its result and exits 1.
 */
export function runFitBgbb(args: readonly string[], io: CliIo): number {
  const flags = parseFlags(args, ['summary']);
  const path = requiredFlag(flags, 'summary');
  io.err(`fit-bgbb: reading ${path}`);
  const table = readRfSummaryCsv(path);
  if (!table.ok) {
    for (const error of table.errors) io.err(`fit-bgbb: ${path}: ${error}`);
    io.err(`fit-bgbb: ${table.errors.length} problem(s); nothing fitted`);
    return EXIT_FAILURE;
  }
  const customers = table.patterns.reduce((sum, p) => sum + p.count, 0);
  const repeat = table.patterns.reduce((sum, p) => sum + p.count * p.x, 0);
  io.err(
    `fit-bgbb: ${table.patterns.length} patterns, ${customers} customers, ${repeat} repeat transactions; ` +
      'fitting (BFGS on log-parameters)',
  );
  const fit = fitBgBb(table.patterns);
  io.err(
    `fit-bgbb: ${fit.converged ? 'converged' : 'NOT converged'} after ${fit.iterations} iterations, ` +
      `${fit.evaluations} evaluations, |gradient| ${fit.gradientNorm.toExponential(2)}, ${fit.ms.toFixed(1)} ms`,
  );
  const { alpha, beta, gamma, delta } = fit.params;
  const ms = Math.round(fit.ms * 1000) / 1000;
  const { logLikelihood, aic, iterations } = fit;
  io.out(JSON.stringify({ alpha, beta, gamma, delta, logLikelihood, aic, n: customers, iterations, ms }));
  return fit.converged ? EXIT_OK : EXIT_FAILURE;
}
