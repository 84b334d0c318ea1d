import { parseArgs } from 'node:util';

/** The options one command accepts: names of value options and of boolean flags. */
export interface CommandOptions {
  values: readonly string[];
  flags?: readonly string[];
}

/**
 * Parsed `<command> --name value` / `--name=value` / `--flag` options of the simulator CLI, by
 * `node:util` `parseArgs` in strict mode against the command's declared options: an unknown (or
 * misspelt) option, a value option without a value, a flag given a value or a stray positional is
 * an error, never silently ignored.
 */
export class CliArgs {
  private constructor(
    readonly command: string | undefined,
    private readonly values: Map<string, string>,
  ) {}

  /**
   * `argv` = `<command> [options]`. `commands` maps each command to its options; an unknown command
   * parses against `fallback` (the caller prints usage).
   */
  static parse(
    argv: string[],
    commands: Record<string, CommandOptions>,
    fallback: CommandOptions = { values: [] },
  ): CliArgs {
    const [command, ...rest] = argv;
    const spec = (command !== undefined && Object.hasOwn(commands, command) && commands[command]) || fallback;
    const options = Object.fromEntries([
      ...spec.values.map((name) => [name, { type: 'string' as const }]),
      ...(spec.flags ?? []).map((name) => [name, { type: 'boolean' as const }]),
    ]);
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({ args: rest, options, strict: true, allowPositionals: false });
    } catch (error) {
      throw new Error(usageMessage(error, command, spec));
    }
    const values = new Map<string, string>();
    for (const [name, value] of Object.entries(parsed.values)) {
      if (value === true) values.set(name, 'true');
      else if (typeof value === 'string') values.set(name, value);
    }
    return new CliArgs(command, values);
  }

  string(name: string, fallback?: string): string {
    const value = this.values.get(name) ?? fallback;
    if (value === undefined) throw new Error(`missing --${name}`);
    return value;
  }

  optional(name: string): string | undefined {
    return this.values.get(name);
  }

  int(name: string, fallback: number, min = 1): number {
    const text = this.values.get(name);
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isSafeInteger(value) || value < min)
      throw new Error(`--${name} must be an integer ≥ ${min}, got "${text}"`);
    return value;
  }

  flag(name: string): boolean {
    return this.values.get(name) === 'true';
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = (this.values.get(name) ?? fallback) as T;
    if (!allowed.includes(value))
      throw new Error(`--${name} must be one of ${allowed.join(', ')}, got "${value}"`);
    return value;
  }
}

/** parseArgs' error as one short line naming the option and what the command accepts. */
function usageMessage(error: unknown, command: string | undefined, spec: CommandOptions): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  const accepted = [...spec.values, ...(spec.flags ?? [])].map((n) => `--${n}`).join(' ');
  const forCommand = command ? ` for "${command}"` : '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${quoted.split(/[ =]/)[0]}${forCommand} (accepted: ${accepted || 'none'})`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument "${quoted}"`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `${message.split('. ')[0]} (give values as --name value or --name=value)`;
    default:
      return message;
  }
}
