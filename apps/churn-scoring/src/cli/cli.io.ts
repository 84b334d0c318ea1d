/** Where a command writes: stdout carries results (last line = one JSON object), stderr diagnostics. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** The process's own streams. */
export const processIo: CliIo = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
};
