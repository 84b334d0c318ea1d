/**
 * A one-line progress display on stderr (stdout carries the JSON summary): redrawn in place on a
 * terminal at most 5 times a second, or printed as a plain line every 5 s when piped to a file.
 */
export class ProgressBar {
  private lastDraw = 0;
  private readonly interactive: boolean;
  private readonly intervalMs: number;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly enabled = true,
  ) {
    this.interactive = Boolean(stream.isTTY);
    this.intervalMs = this.interactive ? 200 : 5_000;
  }

  /** Draws the line if enough time passed since the last draw (or `force`). */
  update(line: string, force = false): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.lastDraw < this.intervalMs) return;
    this.lastDraw = now;
    if (this.interactive) this.stream.write(`\r\x1b[2K${line}`);
    else this.stream.write(`${line}\n`);
  }

  /** Final draw, then a newline on a terminal. */
  done(line: string): void {
    this.update(line, true);
    if (this.enabled && this.interactive) this.stream.write('\n');
  }
}

/** A `[#####.....] 50%` bar of `width` cells. */
export function bar(fraction: number, width = 20): string {
  const filled = Math.max(0, Math.min(width, Math.round(fraction * width)));
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%`;
}

/** 1234567 → "1,234,567". */
export function thousands(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
