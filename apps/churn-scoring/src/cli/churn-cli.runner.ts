// Dispatches `churn <command> [options]` to its command and maps failures to exit codes.
import { CliIo } from './cli.io';
import { BACKTEST_USAGE, runBacktestCommand } from './backtest.command';
import { FIT_BGBB_USAGE, runFitBgbb } from './fit-bgbb.command';
import { FIT_BGNBD_USAGE, runFitBgnbd } from './fit-bgnbd.command';
import { PREDICT_BGBB_USAGE, runPredictBgbb } from './predict-bgbb.command';
import { PREDICT_BGNBD_USAGE, runPredictBgnbd } from './predict-bgnbd.command';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './usage.error';

type Command = (args: readonly string[], io: CliIo) => number | Promise<number>;

const COMMANDS: Record<string, Command> = {
  'fit-bgnbd': runFitBgnbd,
  'predict-bgnbd': runPredictBgnbd,
  'fit-bgbb': runFitBgbb,
  'predict-bgbb': runPredictBgbb,
  backtest: runBacktestCommand,
};

export const USAGE = [
  'usage: churn <command> [options]',
  '',
  'commands:',
  `  ${FIT_BGNBD_USAGE}`,
  `  ${PREDICT_BGNBD_USAGE}`,
  `  ${FIT_BGBB_USAGE}`,
  `  ${PREDICT_BGBB_USAGE}`,
  `  ${BACKTEST_USAGE}`,
].join('\n');

/**
 * Runs one CLI invocation. Exit codes: 0 success, 1 failure (unreadable input, unconverged fit),
 * 2 usage error (unknown command, missing or invalid option) with the usage text on stderr.
 * Synchronous commands return the code; asynchronous ones (backtest) a promise of it.
 */
export function runChurnCli(argv: readonly string[], io: CliIo): number | Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.err(USAGE);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  const fail = (error: unknown): number => {
    if (error instanceof UsageError) {
      io.err(`churn: ${error.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    io.err(`churn ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_FAILURE;
  };
  try {
    if (!command) throw new UsageError(`unknown command '${name}'`);
    const result = command(args, io);
    // Asynchronous commands (backtest) map their failures the same way.
    return typeof result === 'number' ? result : result.catch(fail);
  } catch (error) {
    return fail(error);
  }
}
