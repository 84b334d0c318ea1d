import { RecordingIo } from './cli.io.fake';
import { runPredictBgbb } from './predict-bgbb.command';
import { UsageError } from './usage.error';

/** The donations MLE (FHS 2010), as refitted. */
const DONATIONS = ['--alpha', '1.2035', '--beta', '0.7497', '--gamma', '0.6567', '--delta', '2.7834'];

describe(runPredictBgbb.name, () => {
  it.each([
    [0, 0, 0.11],
    [2, 4, 0.59],
    [6, 6, 0.93],
  ])('should print P(alive in 2002) of FHS Table 6 when x = %p and t_x = %p', (x, tx, published) => {
    const io = new RecordingIo();
    const history = ['--x', String(x), '--tx', String(tx), '--n', '6', '--nstar', '5'];
    expect(runPredictBgbb([...DONATIONS, ...history], io)).toBe(0);
    expect(Object.keys(io.lastJson())).toEqual(['pAlive', 'expectedTransactions']);
    expect(io.lastJson().pAlive as number).toBeCloseTo(published, 2);
  });

  it('should print more expected gifts in 2002–2006 for a supporter who gave every year than for one who never did', () => {
    const run = (x: string, tx: string) => {
      const io = new RecordingIo();
      runPredictBgbb([...DONATIONS, '--x', x, '--tx', tx, '--n', '6', '--nstar', '5'], io);
      return io.lastJson().expectedTransactions as number;
    };
    expect(run('6', '6')).toBeGreaterThan(3);
    expect(run('0', '0')).toBeLessThan(0.1);
  });

  it.each([
    [['--x', '2', '--tx', '4', '--n', '6'], /missing required option --nstar/],
    [['--x', '3', '--tx', '2', '--n', '6', '--nstar', '5'], /x must not exceed t_x/],
    [['--x', '1', '--tx', '7', '--n', '6', '--nstar', '5'], /t_x must be an integer in \[0, n\]/],
    [['--x', '1', '--tx', '1', '--n', '6', '--nstar', '2.5'], /--nstar must be a non-negative integer/],
  ])('should throw a UsageError when the history options are %p', (history, message) => {
    expect(() => runPredictBgbb([...DONATIONS, ...history], new RecordingIo())).toThrow(UsageError);
    expect(() => runPredictBgbb([...DONATIONS, ...history], new RecordingIo())).toThrow(message);
  });

  it('should throw a UsageError naming the parameter when gamma is not positive', () => {
    const args = [...DONATIONS.slice(0, 4), '--gamma', '-1', '--delta', '2', '--x', '0', '--tx', '0'];
    expect(() => runPredictBgbb([...args, '--n', '6', '--nstar', '1'], new RecordingIo())).toThrow(
      /parameter gamma/,
    );
  });
});
