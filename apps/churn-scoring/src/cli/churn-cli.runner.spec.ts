import { RecordingIo } from './cli.io.fake';
import { runChurnCli } from './churn-cli.runner';

describe(runChurnCli.name, () => {
  it('should exit 2 with the usage on stderr when no command is given', () => {
    const io = new RecordingIo();
    expect(runChurnCli([], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/usage: churn <command>/);
    expect(io.stdout).toEqual([]);
  });

  it('should exit 2 and name the command when it is unknown', () => {
    const io = new RecordingIo();
    expect(runChurnCli(['fit-paretonbd'], io)).toBe(2);
    expect(io.stderr[0]).toMatch(/unknown command 'fit-paretonbd'/);
  });

  it('should exit 2 when a required option is missing', () => {
    const io = new RecordingIo();
    expect(runChurnCli(['fit-bgnbd'], io)).toBe(2);
    expect(io.stderr[0]).toMatch(/missing required option --summary/);
  });

  it('should exit 2 naming a misspelt option instead of ignoring it (parseArgs strict mode)', () => {
    const io = new RecordingIo();
    expect(
      runChurnCli(['fit-bgnbd', '--sumary', 'libs/bgnbd/test-data/cdnow_customers_summary.csv'], io),
    ).toBe(2);
    expect(io.stderr[0]).toMatch(/unknown option --sumary/);
    expect(io.stdout).toEqual([]);
  });

  it('should exit 1 with the cause when the summary file cannot be read', () => {
    const io = new RecordingIo();
    expect(runChurnCli(['fit-bgnbd', '--summary', '/nonexistent/summary.csv'], io)).toBe(1);
    expect(io.stderr.at(-1)).toMatch(/churn fit-bgnbd: .*ENOENT/);
  });

  it('should run predict-bgnbd and exit 0 when the options are valid', () => {
    const io = new RecordingIo();
    const args = [
      '--r',
      '0.243',
      '--alpha',
      '4.414',
      '--a',
      '0.793',
      '--b',
      '2.426',
      '--x',
      '1',
      '--tx',
      '5',
      '--T',
      '30',
      '--t',
      '10',
    ];
    expect(runChurnCli(['predict-bgnbd', ...args], io)).toBe(0);
    expect(io.lastJson()).toEqual({ pAlive: expect.any(Number), expectedTransactions: expect.any(Number) });
  });

  it('should print the usage and exit 0 when asked for help', () => {
    const io = new RecordingIo();
    expect(runChurnCli(['--help'], io)).toBe(0);
    expect(io.stderr[0]).toMatch(/predict-bgnbd --r/);
    expect(io.stderr[0]).toMatch(/fit-bgbb --summary <csv>/);
    expect(io.stderr[0]).toMatch(/predict-bgbb --alpha/);
  });

  it('should run fit-bgbb and exit 1 with the cause when the summary file cannot be read', () => {
    const io = new RecordingIo();
    expect(runChurnCli(['fit-bgbb', '--summary', '/nonexistent/rf.csv'], io)).toBe(1);
    expect(io.stderr.at(-1)).toMatch(/churn fit-bgbb: .*ENOENT/);
  });

  it('should run predict-bgbb and exit 2 with the usage when an option is missing', () => {
    const io = new RecordingIo();
    expect(runChurnCli(['predict-bgbb', '--alpha', '1'], io)).toBe(2);
    expect(io.stderr[0]).toMatch(/missing required option --beta/);
  });
});
