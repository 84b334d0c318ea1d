// A deliberately small flag parser: `--name value` or `--name=value`, every flag known in advance.
import { UsageError } from './usage.error';

/**
 * Parses `args` into a name → value map. Flag names are case-sensitive (`--t` and `--T` differ).
 * A value may start with a single '-' (negative numbers); a token starting with '--' is a flag.
 * Throws {@link UsageError} on unknown or repeated flags, missing values and positional arguments.
 */
export function parseFlags(args: readonly string[], allowed: readonly string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const token = args[i];
    if (!token.startsWith('--')) throw new UsageError(`unexpected argument '${token}'`);
    const eq = token.indexOf('=');
    const name = token.slice(2, eq < 0 ? undefined : eq);
    if (!allowed.includes(name)) throw new UsageError(`unknown option --${name}`);
    if (flags.has(name)) throw new UsageError(`option --${name} given twice`);
    let value: string | undefined = eq < 0 ? args[i + 1] : token.slice(eq + 1);
    if (eq < 0) {
      if (value === undefined || value.startsWith('--'))
        throw new UsageError(`option --${name} needs a value`);
      i++;
    }
    if (value === '') value = undefined;
    if (value === undefined) throw new UsageError(`option --${name} needs a value`);
    flags.set(name, value);
  }
  return flags;
}

/** The value of a required flag. */
export function requiredFlag(flags: Map<string, string>, name: string): string {
  const value = flags.get(name);
  if (value === undefined) throw new UsageError(`missing required option --${name}`);
  return value;
}

/** A required flag parsed as a finite number (the whole string must be numeric). */
export function requiredNumber(flags: Map<string, string>, name: string): number {
  const raw = requiredFlag(flags, name);
  const value = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(value)) throw new UsageError(`option --${name} must be a number, got '${raw}'`);
  return value;
}
