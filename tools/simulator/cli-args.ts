/** Parsed `--name value` / `--flag` options of the simulator CLI. */
export class CliArgs {
  private constructor(
    readonly command: string | undefined,
    private readonly values: Map<string, string>,
  ) {}

  /** `<command> --a 1 --b=2 --flag` → command "…" and options; rejects stray positionals. */
  static parse(argv: string[]): CliArgs {
    const [command, ...rest] = argv;
    const values = new Map<string, string>();
    for (let i = 0; i < rest.length; i++) {
      const arg = rest[i];
      if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"`);
      const eq = arg.indexOf('=');
      if (eq > 0) values.set(arg.slice(2, eq), arg.slice(eq + 1));
      else if (i + 1 < rest.length && !rest[i + 1].startsWith('--')) values.set(arg.slice(2), rest[++i]);
      else values.set(arg.slice(2), 'true');
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
