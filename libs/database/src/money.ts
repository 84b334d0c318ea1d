import { ValueTransformer } from 'typeorm';

/**
 * Postgres `bigint` columns arrive from `pg` as strings. Money is integer fen everywhere and every
 * realistic amount is far below 2^53, so we map to `number` — but refuse silently losing precision.
 */
export const bigintToNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => {
    if (value === null || value === undefined) return value;
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isSafeInteger(n))
      throw new RangeError(`bigint value ${value} exceeds the safe integer range`);
    return n;
  },
};

/** Parses a bigint/numeric aggregate (`sum(...)`) from a raw query result into a safe integer. */
export function toSafeInteger(value: string | number | null | undefined): number {
  if (value === null || value === undefined) return 0;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`value ${value} is not a safe integer`);
  return n;
}
