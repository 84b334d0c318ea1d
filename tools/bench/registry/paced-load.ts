import { Agent, request } from 'node:http';

/** An open-loop scenario: requests sent on a fixed schedule whatever the responses. */
export interface PacedScenario {
  name: string;
  url: string;
  path: () => string;
  headers: Record<string, string>;
  /** Requests per second, spread evenly over each second. */
  rate: number;
  seconds: number;
  /** Keep-alive sockets the requests share (more are opened only if all are busy). */
  connections: number;
}

const TICK_MS = 1;

/**
 * Sends `rate` requests per second evenly spaced (autocannon's `overallRate` instead fires each
 * connection's whole per-second quota back to back at the start of every second, i.e. bursts at full
 * concurrency). Latency runs from the scheduled send time to the end of the response, so a server
 * that falls behind is charged for the wait (no coordinated omission). Returns one JSON-able line.
 */
export async function runPacedScenario(s: PacedScenario): Promise<Record<string, number | string>> {
  const agent = new Agent({ keepAlive: true, maxSockets: s.connections * 4 });
  const total = s.rate * s.seconds;
  const latencies = new Float64Array(total);
  let sent = 0;
  let done = 0;
  let non2xx = 0;
  let errors = 0;
  const started = performance.now();
  await new Promise<void>((resolve) => {
    const finish = (index: number, scheduledAt: number, ok: boolean, status: number): void => {
      latencies[index] = performance.now() - scheduledAt;
      if (!ok) errors += 1;
      else if (status < 200 || status > 299) non2xx += 1;
      done += 1;
      if (done === total) resolve();
    };
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - started) * s.rate) / 1000));
      for (; sent < due; sent += 1) {
        const index = sent;
        const scheduledAt = started + (index * 1000) / s.rate;
        const req = request(`${s.url}${s.path()}`, { agent, headers: s.headers }, (res) => {
          res.resume();
          res.on('end', () => finish(index, scheduledAt, true, res.statusCode ?? 0));
        });
        req.on('error', () => finish(index, scheduledAt, false, 0));
        req.end();
      }
      if (sent === total) clearInterval(timer);
    }, TICK_MS);
  });
  agent.destroy();
  const elapsedS = (performance.now() - started) / 1000;
  latencies.sort();
  const at = (q: number): number =>
    Math.round(latencies[Math.min(total - 1, Math.floor(q * total))]! * 10) / 10;
  return {
    scenario: s.name,
    targetRps: s.rate,
    pacing: 'even',
    seconds: s.seconds,
    throughputRps: Math.round(total / elapsedS),
    requests: total,
    p50Ms: at(0.5),
    p90Ms: at(0.9),
    p99Ms: at(0.99),
    maxMs: at(1),
    non2xx,
    errors,
  };
}
