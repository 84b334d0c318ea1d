// Entry point of the model CLI: `npm run churn -- <command> [options]`.
import { processIo } from './cli.io';
import { runChurnCli } from './churn-cli.runner';

void Promise.resolve(runChurnCli(process.argv.slice(2), processIo)).then((code) => {
  process.exitCode = code;
});
