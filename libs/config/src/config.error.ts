/**
 * Thrown when a service's configuration is invalid. The process must refuse to start: the message
 * names every failing key and why, so an operator can fix the environment in one go.
 */
export class ConfigError extends Error {
  /** One line per failing key, e.g. `PORT must be an integer between 1 and 65535 (got "abc")`. */
  readonly problems: readonly string[];

  constructor(message: string, problems: readonly string[] = [message]) {
    super(message);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
