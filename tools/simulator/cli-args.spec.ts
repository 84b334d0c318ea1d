import { CliArgs } from './cli-args';
import { main, SIMULATOR_COMMANDS } from './simulate';

const parse = (argv: string[]) => CliArgs.parse(argv, SIMULATOR_COMMANDS);

describe(CliArgs.name, () => {
  it('should read the command, spaced and = options, and flags when parsing argv', () => {
    const args = parse(['run', '--days', '3', '--via=rest', '--quiet', '--start', '2026-09-01']);
    expect(args.command).toBe('run');
    expect(args.int('days', 60)).toBe(3);
    expect(args.oneOf('via', ['kafka', 'rest'] as const, 'kafka')).toBe('rest');
    expect(args.flag('quiet')).toBe(true);
    expect(args.string('start')).toBe('2026-09-01');
    expect(args.string('brokers', '127.0.0.1:9092')).toBe('127.0.0.1:9092');
  });

  it('should refuse when a value is not allowed or missing', () => {
    const args = parse(['run', '--days', '0', '--via', 'smtp']);
    expect(() => args.int('days', 60)).toThrow(/--days must be an integer/);
    expect(() => args.oneOf('via', ['kafka', 'rest'] as const, 'kafka')).toThrow(/--via must be one of/);
    expect(() => args.string('world')).toThrow(/missing --world/);
    expect(() => parse(['run', 'stray'])).toThrow(/unexpected argument "stray"/);
  });

  it('should refuse a misspelt option instead of ignoring it (parseArgs strict mode)', () => {
    expect(() => parse(['world', '--merchant', '50'])).toThrow(/unknown option --merchant for "world"/);
    expect(() => parse(['run', '--dayz=3'])).toThrow(/unknown option --dayz/);
    // An option of another command is unknown here too.
    expect(() => parse(['world', '--api-key', 'k'])).toThrow(/unknown option --api-key/);
  });

  it('should refuse a value option without its value and a flag given a value', () => {
    expect(() => parse(['run', '--days'])).toThrow(/--days/);
    expect(() => parse(['run', '--quiet=yes'])).toThrow(/--quiet/);
  });

  it('should accept the union of the options for "all"', () => {
    const args = parse(['all', '--merchants', '5', '--api-key', 'k', '--via', 'none']);
    expect(args.int('merchants', 1)).toBe(5);
    expect(args.optional('api-key')).toBe('k');
  });
});

describe('simulate main', () => {
  it('should reject a misspelt flag before doing any work', async () => {
    await expect(
      main(['world', '--merchnats', '3', '--out', '/nonexistent/never-written.json']),
    ).rejects.toThrow(/unknown option --merchnats/);
  });
});
