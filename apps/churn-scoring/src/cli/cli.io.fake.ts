import { CliIo } from './cli.io';

/** Captures what a command writes, for tests. */
export class RecordingIo implements CliIo {
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];

  out(line: string): void {
    this.stdout.push(line);
  }

  err(line: string): void {
    this.stderr.push(line);
  }

  /** The last stdout line parsed as JSON. */
  lastJson(): Record<string, unknown> {
    return JSON.parse(this.stdout[this.stdout.length - 1]) as Record<string, unknown>;
  }
}
