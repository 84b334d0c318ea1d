// The SLA worker of the tickets bench in its own process (as production runs workers beside the HTTP
// process): BullMQ worker and sweep. Args: <schema> <database url>. Prints "ready" and runs until SIGTERM.
import { bootBenchApp } from './tickets-bench.app';

async function main(): Promise<void> {
  const [schema, url] = process.argv.slice(2);
  const app = await bootBenchApp(schema, url, true);
  process.send?.('ready');
  process.once('SIGTERM', () => {
    void app.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
