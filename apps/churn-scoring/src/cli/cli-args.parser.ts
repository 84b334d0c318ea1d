// Flag parsing on node:util `parseArgs` in strict mode: `--name value` or `--name=value`, every
// flag known in advance; anything else (a misspelt flag included) is a UsageError.
import { parseArgs } from 'node:util';
import { UsageError } from './usage.error';

/**
 * Parses `args` into a name → value map. Flag names are case-sensitive (`--t` and `--T` differ).
 * A value may start with a single '-' (negative numbers: `--tx -0`); a token starting with '--' is a
 * flag. Throws {@link UsageError} on unknown or repeated flags, missing values and positional arguments.
 */
export function parseFlags(args: readonly string[], allowed: readonly string[]): Map<string, string> {
  const options = Object.fromEntries(
    allowed.map((name) => [name, { type: 'string' as const, multiple: true }]),
  );
  let values: Record<string, (string | boolean)[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: joinNegativeValues(args, allowed),
      options,
      strict: true,
      allowPositionals: false,
    }) as { values: Record<string, (string | boolean)[] | undefined> });
  } catch (error) {
    throw new UsageError(usageMessage(error));
  }
  const flags = new Map<string, string>();
  for (const name of allowed) {
    const given = values[name];
    if (!given) continue;
    if (given.length > 1) throw new UsageError(`option --${name} given twice`);
    const value = given[0];
    if (typeof value !== 'string' || value === '') throw new UsageError(`option --${name} needs a value`);
    flags.set(name, value);
  }
  return flags;
}

/**
 * `--tx -0` → `--tx=-0`: parseArgs' strict mode refuses a value that starts with '-' as ambiguous,
 * but a negative number is a value here (only a known flag followed by a single-dash token).
 */
function joinNegativeValues(args: readonly string[], allowed: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const token = args[i];
    const next = args[i + 1];
    if (
      token.startsWith('--') &&
      !token.includes('=') &&
      allowed.includes(token.slice(2)) &&
      next !== undefined &&
      /^-[^-]/.test(next)
    ) {
      out.push(`${token}=${next}`);
      i++;
    } else out.push(token);
  }
  return out;
}

/** parseArgs' errors in this CLI's words (they name the option). */
function usageMessage(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  const option = quoted.split(/[ =]/)[0];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument '${quoted}'`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `option ${option} needs a value`;
    default:
      return message;
  }
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
