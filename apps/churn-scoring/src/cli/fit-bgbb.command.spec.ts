import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordingIo } from './cli.io.fake';
import { runFitBgbb } from './fit-bgbb.command';
import { UsageError } from './usage.error';

/** The donations RF table (FHS 2010) shipped with libs/bgnbd. */
const DONATIONS = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'libs',
  'bgnbd',
  'test-data',
  'donations_summary.csv',
);

describe(runFitBgbb.name, () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fit-bgbb-'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should print the published donations fit (α 1.204, β 0.750, γ 0.657, δ 2.783, LL −33,225.6) as JSON', () => {
    const io = new RecordingIo();
    expect(runFitBgbb(['--summary', DONATIONS], io)).toBe(0);
    const result = io.lastJson() as Record<string, number>;
    expect(Object.keys(result)).toEqual([
      'alpha',
      'beta',
      'gamma',
      'delta',
      'logLikelihood',
      'aic',
      'n',
      'iterations',
      'ms',
    ]);
    expect(result.alpha).toBeCloseTo(1.204, 3);
    expect(result.beta).toBeCloseTo(0.75, 3);
    expect(result.gamma).toBeCloseTo(0.657, 3);
    expect(result.delta).toBeCloseTo(2.783, 3);
    expect(Math.abs(result.logLikelihood - -33225.6)).toBeLessThanOrEqual(0.1);
    expect(result.aic).toBeCloseTo(8 - 2 * result.logLikelihood, 6);
    expect(result.n).toBe(11104);
    expect(io.stderr.join('\n')).toMatch(
      /22 patterns, 11104 customers, 24615 repeat transactions.*\n.*converged after/,
    );
  });

  it('should list every bad line on stderr, print nothing on stdout and exit 1 when the table is invalid', () => {
    const path = join(dir, 'bad.csv');
    writeFileSync(path, 'frequency,recency,n,n_custs\n3,2,6,1\n1,1,6,4\n1,x,6,1\n');
    const io = new RecordingIo();
    expect(runFitBgbb(['--summary', path], io)).toBe(1);
    expect(io.stdout).toEqual([]);
    expect(io.stderr.join('\n')).toMatch(/line 2: x must not exceed t_x[\s\S]*line 4: t_x is not a number/);
    expect(io.stderr.at(-1)).toBe('fit-bgbb: 2 problem(s); nothing fitted');
  });

  it('should throw a UsageError when --summary is missing', () => {
    expect(() => runFitBgbb([], new RecordingIo())).toThrow(UsageError);
  });

  it('should throw an ordinary error when the file does not exist', () => {
    expect(() => runFitBgbb(['--summary', join(dir, 'missing.csv')], new RecordingIo())).toThrow(/ENOENT/);
  });
});
