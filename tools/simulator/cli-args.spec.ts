import { CliArgs } from './cli-args';

describe(CliArgs.name, () => {
  it('should read the command, spaced and = options, and flags when parsing argv', () => {
    const args = CliArgs.parse(['run', '--days', '3', '--via=rest', '--quiet', '--start', '2026-09-01']);
    expect(args.command).toBe('run');
    expect(args.int('days', 60)).toBe(3);
    expect(args.oneOf('via', ['kafka', 'rest'] as const, 'kafka')).toBe('rest');
    expect(args.flag('quiet')).toBe(true);
    expect(args.string('start')).toBe('2026-09-01');
    expect(args.string('brokers', '127.0.0.1:9092')).toBe('127.0.0.1:9092');
  });

  it('should refuse when a value is not allowed or missing', () => {
    const args = CliArgs.parse(['run', '--days', '0', '--via', 'smtp']);
    expect(() => args.int('days', 60)).toThrow(/--days must be an integer/);
    expect(() => args.oneOf('via', ['kafka', 'rest'] as const, 'kafka')).toThrow(/--via must be one of/);
    expect(() => args.string('world')).toThrow(/missing --world/);
    expect(() => CliArgs.parse(['run', 'stray'])).toThrow(/unexpected argument/);
  });
});
