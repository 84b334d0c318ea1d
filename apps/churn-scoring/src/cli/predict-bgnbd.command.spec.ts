import { RecordingIo } from './cli.io.fake';
import { runPredictBgnbd } from './predict-bgnbd.command';
import { UsageError } from './usage.error';

const CUSTOMER_1 = ['--r', '0.242595', '--alpha', '4.413602', '--a', '0.792922', '--b', '2.425907'];

describe(runPredictBgnbd.name, () => {
  it('should print CDNOW customer 1’s P(alive) 0.7266 and E[Y(39)] 1.226 when given the refit params', () => {
    const io = new RecordingIo();
    expect(
      runPredictBgnbd([...CUSTOMER_1, '--x', '2', '--tx', '30.43', '--T', '38.86', '--t', '39'], io),
    ).toBe(0);
    const { pAlive, expectedTransactions } = io.lastJson() as {
      pAlive: number;
      expectedTransactions: number;
    };
    expect(Object.keys(io.lastJson())).toEqual(['pAlive', 'expectedTransactions']);
    expect(pAlive).toBeCloseTo(0.7266, 4);
    expect(expectedTransactions).toBeCloseTo(1.226, 3);
  });

  it('should print P(alive) = 1 when the customer has no repeat purchases', () => {
    const io = new RecordingIo();
    runPredictBgnbd([...CUSTOMER_1, '--x', '0', '--tx', '0', '--T', '10', '--t', '5'], io);
    expect(io.lastJson().pAlive).toBe(1);
  });

  it.each([
    [['--x', '2', '--tx', '30', '--T', '38'], /missing required option --t/],
    [['--x', '2.5', '--tx', '30', '--T', '38', '--t', '39'], /x must be a non-negative integer/],
    [['--x', '2', '--tx', '40', '--T', '38', '--t', '39'], /t_x must be in \[0, T\]/],
    [['--x', '2', '--tx', '30', '--T', '38', '--t', '-1'], /--t must be ≥ 0/],
    [['--x', 'two', '--tx', '30', '--T', '38', '--t', '39'], /--x must be a number/],
  ])('should throw a UsageError when the history options are %p', (history, message) => {
    expect(() => runPredictBgnbd([...CUSTOMER_1, ...history], new RecordingIo())).toThrow(UsageError);
    expect(() => runPredictBgnbd([...CUSTOMER_1, ...history], new RecordingIo())).toThrow(message);
  });

  it('should throw a UsageError naming the parameter when alpha is not positive', () => {
    const args = [
      '--r',
      '1',
      '--alpha',
      '0',
      '--a',
      '1',
      '--b',
      '1',
      '--x',
      '0',
      '--tx',
      '0',
      '--T',
      '1',
      '--t',
      '1',
    ];
    expect(() => runPredictBgnbd(args, new RecordingIo())).toThrow(/parameter alpha/);
  });
});
