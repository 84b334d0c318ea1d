import { setImmediate as yieldToIo } from 'node:timers/promises';
import { GroundTruthRecorder, GroundTruthReport } from './ground-truth.recorder';
import type { MessageSink } from './message.sink';
import { ProgressBar, bar, thousands } from './progress.bar';
import { localDateOf } from './sim-calendar';
import { SimMessage, simulateStream } from './transaction.stream';
import type { World } from './world.types';

/** Options of {@link runSimulation}. */
export interface RunOptions {
  start: string;
  days: number;
  /** Messages per produce/POST (default 1,000). */
  batchSize?: number;
  /** False for the REST gateway (no broken-JSON items inside a JSON body). */
  allowMalformedJson?: boolean;
  progress?: ProgressBar;
}

/** The JSON summary line of `run`. */
export interface RunSummary {
  command: 'run';
  start: string;
  days: number;
  messages: number;
  events: number;
  duplicates: number;
  malformed: number;
  elapsedMs: number;
  messagesPerSecond: number;
  dormantMerchants: number;
  failingTerminals: number;
}

/**
 * Streams the world's traffic into the sink as fast as it acknowledges: one batch in flight while
 * the next is generated. The ground truth is recorded from exactly what was delivered.
 */
export async function runSimulation(
  world: World,
  sink: MessageSink,
  options: RunOptions,
): Promise<{ report: GroundTruthReport; summary: RunSummary }> {
  const { start, days } = options;
  const batchSize = options.batchSize ?? 1_000;
  const progress = options.progress ?? new ProgressBar();
  const recorder = new GroundTruthRecorder(world, start, days);
  const started = Date.now();
  const draw = (force = false) => progress.update(runProgressLine(recorder, start, days, started), force);
  let inFlight: Promise<void> | null = null;
  let batch: SimMessage[] = [];
  for (const message of simulateStream(world, {
    start,
    days,
    allowMalformedJson: options.allowMalformedJson,
  })) {
    recorder.observe(message);
    batch.push(message);
    if (batch.length < batchSize) continue;
    if (inFlight) await inFlight;
    inFlight = sink.send(batch);
    batch = [];
    // Let the request reach the socket before generating the next batch synchronously.
    await yieldToIo();
    draw();
  }
  if (inFlight) await inFlight;
  if (batch.length > 0) await sink.send(batch);
  progress.done(runProgressLine(recorder, start, days, started, days));
  const report = recorder.report();
  const elapsedMs = Date.now() - started;
  const t = report.totals;
  return {
    report,
    summary: {
      command: 'run',
      start,
      days,
      messages: t.messages,
      events: t.events,
      duplicates: t.duplicates,
      malformed: t.malformed.total,
      elapsedMs,
      messagesPerSecond: Math.round((t.messages * 1000) / Math.max(1, elapsedMs)),
      dormantMerchants: report.dormantMerchants.length,
      failingTerminals: report.failingTerminals.length,
    },
  };
}

function runProgressLine(
  recorder: GroundTruthRecorder,
  start: string,
  days: number,
  started: number,
  daysDone = recorder.currentDay,
): string {
  const c = recorder.counts;
  const rate = (c.messages * 1000) / Math.max(1, Date.now() - started);
  const day = Math.min(daysDone, days - 1);
  return (
    `run ${bar(daysDone / days)} day ${day + 1}/${days} ${localDateOf(start, day)} | ` +
    `${thousands(c.messages)} msgs ${thousands(rate)}/s | ${thousands(c.duplicates)} dup ${thousands(c.malformed.total)} malformed`
  );
}
