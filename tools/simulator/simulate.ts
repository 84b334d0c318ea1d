import { readFileSync, writeFileSync } from 'node:fs';
import { CliArgs, CommandOptions } from './cli-args';
import { KafkaSink } from './kafka.sink';
import { MessageSink, NullSink } from './message.sink';
import { ProgressBar } from './progress.bar';
import { registerWorld } from './register.command';
import { RegistryClient } from './registry.client';
import { RestSink } from './rest.sink';
import { runSimulation } from './run.command';
import { parseLocalDate } from './sim-calendar';
import { seedFrom } from './rng';
import { WORLD_MIX_NAMES } from './precursor.planner';
import { generateWorld } from './world.generator';
import type { World } from './world.types';

const USAGE = `Acquirer traffic simulator (deterministic by seed)
  world    --merchants N --seed S [--out world.json] [--acquirer-id ACQ-SIM] [--horizon-days 60]
           [--mix legacy|street|festival|decline] [--start 2026-09-01 (the run's start, for the Spring Festival)]
  register --world world.json [--registry http://127.0.0.1:3001] --api-key <secret> [--concurrency 16]
  run      --world world.json [--start 2026-09-01] [--days 60] [--via kafka|rest|none]
           [--brokers 127.0.0.1:9092] [--topic-prefix p] [--batch-size 1000]
           [--ingestion http://127.0.0.1:3002 --acquirer-secret <secret>] [--ground-truth ground-truth.json]
  all      world + register + run with the options above
  common   [--quiet] (no progress bar). Progress on stderr; one JSON summary line per step on stdout.`;

const WORLD_OPTIONS = ['merchants', 'seed', 'out', 'acquirer-id', 'horizon-days', 'days'];
const REGISTER_OPTIONS = ['world', 'registry', 'api-key', 'concurrency'];
const RUN_OPTIONS = [
  'world',
  'start',
  'days',
  'via',
  'brokers',
  'topic-prefix',
  'batch-size',
  'ingestion',
  'acquirer-secret',
  'ground-truth',
];

/** The options each command accepts (`parseArgs` strict mode: anything else is an error). */
export const SIMULATOR_COMMANDS: Record<string, CommandOptions> = {
  world: { values: WORLD_OPTIONS, flags: ['quiet'] },
  register: { values: REGISTER_OPTIONS, flags: ['quiet'] },
  run: { values: RUN_OPTIONS, flags: ['quiet'] },
  all: { values: [...new Set([...WORLD_OPTIONS, ...REGISTER_OPTIONS, ...RUN_OPTIONS])], flags: ['quiet'] },
};

/** Writes one JSON summary line on stdout. */
function emit(summary: object): void {
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

function worldCommand(args: CliArgs): World {
  const world = generateWorld({
    merchants: args.int('merchants', 1_000),
    seed: seedFrom(args.string('seed', '1')),
    acquirerId: args.string('acquirer-id', 'ACQ-SIM'),
    horizonDays: args.int('horizon-days', args.int('days', 60)),
    mix: args.oneOf('mix', WORLD_MIX_NAMES, 'legacy'),
    start: args.optional('start'),
  });
  const out = args.string('out', 'world.json');
  writeFileSync(out, JSON.stringify(world));
  const p = world.plannedTruth;
  emit({
    command: 'world',
    out,
    seed: world.seed,
    merchants: world.merchants.length,
    terminals: world.merchants.reduce((n, m) => n + m.terminals.length, 0),
    gradualDecline: p.gradualDecline.length,
    abruptStop: p.abruptStop.length,
    failingTerminals: p.failingTerminals.length,
    ...(p.precursors
      ? {
          mix: world.mix,
          terminalFailureStop: p.precursors.terminalFailureStop.length,
          feeIncreases: p.precursors.feeIncreases.length,
          feeLeavers: p.precursors.feeIncreases.filter((f) => f.leaves).length,
          breaks: p.precursors.breaks.length,
          dips: p.precursors.dips.length,
        }
      : {}),
  });
  return world;
}

async function registerCommand(args: CliArgs, world: World): Promise<void> {
  const apiKey = args.optional('api-key') ?? process.env.SIMULATOR_API_KEY;
  if (!apiKey) throw new Error('missing --api-key (or SIMULATOR_API_KEY)');
  const client = new RegistryClient({ baseUrl: args.string('registry', 'http://127.0.0.1:3001'), apiKey });
  const summary = await registerWorld(world, client, {
    concurrency: args.int('concurrency', 16),
    progress: new ProgressBar(process.stderr, !args.flag('quiet')),
  });
  emit(summary);
  if (summary.failed > 0) process.exitCode = 1;
}

function sinkFor(args: CliArgs, world: World): MessageSink {
  const via = args.oneOf('via', ['kafka', 'rest', 'none'] as const, 'kafka');
  if (via === 'none') return new NullSink();
  if (via === 'rest') {
    const secret = args.optional('acquirer-secret') ?? process.env.SIMULATOR_ACQUIRER_SECRET;
    if (!secret) throw new Error('missing --acquirer-secret (or SIMULATOR_ACQUIRER_SECRET) for --via rest');
    return new RestSink({
      baseUrl: args.string('ingestion', 'http://127.0.0.1:3002'),
      acquirerId: world.acquirerId,
      secret,
    });
  }
  const brokers = args
    .string('brokers', process.env.KAFKA_BROKERS ?? '127.0.0.1:9092')
    .split(',')
    .map((b) => b.trim());
  return new KafkaSink(brokers, args.string('topic-prefix', process.env.KAFKA_TOPIC_PREFIX ?? ''));
}

async function runCommand(args: CliArgs, world: World): Promise<void> {
  const start = args.string('start', '2026-09-01');
  parseLocalDate(start);
  const sink = sinkFor(args, world);
  try {
    const { report, summary } = await runSimulation(world, sink, {
      start,
      days: args.int('days', 60),
      // The REST gateway takes at most 1,000 items per request.
      batchSize: Math.min(args.int('batch-size', 1_000), args.optional('via') === 'rest' ? 1_000 : Infinity),
      allowMalformedJson: args.optional('via') !== 'rest',
      progress: new ProgressBar(process.stderr, !args.flag('quiet')),
    });
    const out = args.string('ground-truth', 'ground-truth.json');
    writeFileSync(out, JSON.stringify(report, null, 1));
    emit({ ...summary, groundTruth: out });
  } finally {
    await sink.close();
  }
}

function loadWorld(args: CliArgs): World {
  return JSON.parse(readFileSync(args.string('world', 'world.json'), 'utf8')) as World;
}

/** Entry point: `node dist/tools/simulator/simulate.js <command> [options]`. */
export async function main(argv: string[]): Promise<void> {
  const args = CliArgs.parse(argv, SIMULATOR_COMMANDS);
  switch (args.command) {
    case 'world':
      worldCommand(args);
      return;
    case 'register':
      return registerCommand(args, loadWorld(args));
    case 'run':
      return runCommand(args, loadWorld(args));
    case 'all': {
      const world = worldCommand(args);
      await registerCommand(args, world);
      if (process.exitCode) throw new Error('registration failed for some merchants; not running traffic');
      return runCommand(args, world);
    }
    default:
      console.error(USAGE);
      process.exitCode = args.command === undefined || args.command === 'help' ? 0 : 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: Error) => {
    console.error(`simulate: ${error.message}`);
    process.exitCode = 1;
  });
}
