/** A problem with the command line itself: reported with the usage text and exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = UsageError.name;
  }
}

/** Turns the library's RangeErrors on parameters and histories into usage errors (exit 2). */
export function asUsageError(check: () => void): void {
  try {
    check();
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
}

/** Exit codes of the churn CLI. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
