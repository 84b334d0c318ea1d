/**
 * Size and depth limits every contract parser applies BEFORE class-transformer/class-validator, which
 * recurse without bound (20,000 nested arrays overflow the stack: a RangeError out of `parse` stops a
 * consumer). V8's JSON.parse itself is iterative and copes with any depth, so the check runs on the
 * parsed value; the size limit bounds the work per message.
 */

/** Deepest nesting of objects and arrays a contract message may have; valid events nest 5 levels at most. */
export const MAX_JSON_DEPTH = 32;

/** Largest event message, in bytes: the broker's default `message.max.bytes` (1 MiB). */
export const MAX_EVENT_BYTES = 1_048_576;

/** Largest raw transaction message, in bytes: a valid one is under 1 kB. */
export const MAX_RAW_TRANSACTION_BYTES = 65_536;

/**
 * True when `value` nests objects/arrays more than `maxDepth` levels (a scalar is depth 0, `{}` depth 1).
 * The recursion stops at `maxDepth`, so the check itself cannot overflow the stack.
 */
export function exceedsJsonDepth(value: unknown, maxDepth: number = MAX_JSON_DEPTH): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (maxDepth <= 0) return true;
  const children = Array.isArray(value) ? value : Object.values(value);
  for (const child of children) if (exceedsJsonDepth(child, maxDepth - 1)) return true;
  return false;
}
