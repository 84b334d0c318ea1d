import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulateBgNbd } from '@merchant-pulse/bgnbd';
import { RecordingIo } from './cli.io.fake';
import { runFitBgnbd } from './fit-bgnbd.command';
import { UsageError } from './usage.error';

describe(runFitBgnbd.name, () => {
  let dir: string;
  let csvPath: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fit-bgnbd-'));
    csvPath = join(dir, 'summary.csv');
    const customers = simulateBgNbd(
      { r: 0.5, alpha: 5, a: 1, b: 3 },
      2000,
      (_i, random) => 20 + 20 * random(),
      9,
    );
    const lines = customers.map((c, i) => `${i + 1},${c.x},${c.tx.toFixed(2)},${c.T.toFixed(2)}`);
    writeFileSync(csvPath, ['ID,frequency,recency,T', ...lines].join('\n'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should print exactly the fit JSON as the last stdout line and diagnostics on stderr', () => {
    const io = new RecordingIo();
    expect(runFitBgnbd(['--summary', csvPath], io)).toBe(0);
    const result = io.lastJson();
    expect(Object.keys(result)).toEqual(['r', 'alpha', 'a', 'b', 'logLikelihood', 'iterations', 'ms']);
    expect(result.r as number).toBeGreaterThan(0.4);
    expect(result.r as number).toBeLessThan(0.6);
    expect(result.logLikelihood as number).toBeLessThan(0);
    expect(io.stderr.join('\n')).toMatch(/2000 customers.*\n.*converged after \d+ iterations/);
  });

  it('should throw a UsageError when --summary is missing', () => {
    expect(() => runFitBgnbd([], new RecordingIo())).toThrow(UsageError);
  });

  it('should throw an ordinary error when the file does not exist', () => {
    expect(() => runFitBgnbd(['--summary', join(dir, 'missing.csv')], new RecordingIo())).toThrow(/ENOENT/);
  });
});
