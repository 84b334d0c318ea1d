import { MAX_JSON_DEPTH, isStorableText } from '@merchant-pulse/contracts';

/** Where a request value breaks the limits every body, query and parameter obeys, and why. */
export interface HostileInput {
  /** Dotted path (`contact.name`, `items.3`), empty for the value itself. */
  field: string;
  message: string;
}

const TOO_DEEP = `must not nest objects or arrays deeper than ${MAX_JSON_DEPTH} levels`;
const UNSTORABLE = 'must not contain NUL characters or unpaired UTF-16 surrogates';

/**
 * The first place where `value` nests deeper than {@link MAX_JSON_DEPTH} (class-transformer would
 * overflow the stack: a 500) or holds a string or key Postgres cannot store (a NUL, a lone
 * surrogate: a 500 at the database), or null when there is none. The walk stops at the limit.
 */
export function findHostileInput(value: unknown, path = '', depth = 0): HostileInput | null {
  if (typeof value === 'string') return isStorableText(value) ? null : { field: path, message: UNSTORABLE };
  if (typeof value !== 'object' || value === null) return null;
  if (depth >= MAX_JSON_DEPTH) return { field: path, message: TOO_DEEP };
  const entries: Array<[string, unknown]> = Array.isArray(value)
    ? value.map((child, index) => [String(index), child])
    : Object.entries(value);
  for (const [key, child] of entries) {
    const field = path === '' ? key : `${path}.${key}`;
    if (!isStorableText(key)) return { field: path, message: `${UNSTORABLE} in field names` };
    const found = findHostileInput(child, field, depth + 1);
    if (found) return found;
  }
  return null;
}
