import { parseFlags, requiredFlag, requiredNumber } from './cli-args.parser';
import { UsageError } from './usage.error';

describe(parseFlags.name, () => {
  it('should read both --name value and --name=value when flags are known', () => {
    const flags = parseFlags(['--x', '3', '--T=38.86', '--tx', '-0'], ['x', 'T', 'tx']);
    expect(Object.fromEntries(flags)).toEqual({ x: '3', T: '38.86', tx: '-0' });
  });

  it('should keep --t and --T apart when both are given', () => {
    const flags = parseFlags(['--t', '39', '--T', '38'], ['t', 'T']);
    expect([flags.get('t'), flags.get('T')]).toEqual(['39', '38']);
  });

  it.each([
    [['--y', '1'], /unknown option --y/],
    [['--x'], /--x needs a value/],
    [['--x', '--T', '1'], /--x needs a value/],
    [['--x='], /--x needs a value/],
    [['--x', '1', '--x', '2'], /given twice/],
    [['stray'], /unexpected argument 'stray'/],
  ])('should throw a UsageError when the arguments are %p', (args, message) => {
    expect(() => parseFlags(args, ['x', 'T'])).toThrow(UsageError);
    expect(() => parseFlags(args, ['x', 'T'])).toThrow(message);
  });
});

describe(requiredNumber.name, () => {
  it('should parse a number and reject text, blanks and infinities', () => {
    const flags = new Map([
      ['ok', '1e-3'],
      ['text', '12abc'],
      ['blank', ' '],
      ['inf', 'Infinity'],
    ]);
    expect(requiredNumber(flags, 'ok')).toBe(0.001);
    for (const name of ['text', 'blank', 'inf'])
      expect(() => requiredNumber(flags, name)).toThrow(/must be a number/);
  });

  it('should name the option when it is missing', () => {
    expect(() => requiredFlag(new Map(), 'summary')).toThrow(/missing required option --summary/);
  });
});
