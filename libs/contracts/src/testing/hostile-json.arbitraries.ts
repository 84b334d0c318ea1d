// Test support (not exported from the lib): fast-check arbitraries of hostile JSON messages, built by
// mutating a valid example, for the property tests of the contract parsers.
import fc from 'fast-check';

/** A value spliced into the JSON text as `depth` nested arrays (JSON.stringify cannot build it). */
const DEEP_MARK = '\u0001deep:';

/** Strings Postgres, JavaScript dates or the validators choke on, plus random unicode. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfff',
    '\ud83d\ude00',
    '房东的猫',
    ' ',
    'x'.repeat(70),
    'y'.repeat(100_000),
    '0000-01-01',
    '0000-01-01T00:00:00Z',
    '0001-01-01T00:00:00+08:00',
    '1899-12-31T23:59:59.999Z',
    '9999-12-31',
    '9999-12-31T23:59:59.999Z',
    '9999-12-31T23:00:00-08:00',
    '+275760-09-13T00:00:00Z',
    '-271821-04-20T00:00:00Z',
    '2026-02-30',
    '2026-02-29T00:00:00Z',
    '2026-03-10T24:00:00Z',
    '1e309',
    'NaN',
    '__proto__',
    'constructor',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

/** Numbers beyond 2^53 and int4, fractions, -0, and random doubles/integers. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    2 ** 53,
    2 ** 53 + 2,
    -(2 ** 53) - 2,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 63,
    1e308,
    -1e308,
    Number.MIN_VALUE,
    -0,
    0.5,
    -1,
    0,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.maxSafeInteger(),
);

/** A nesting marker, expanded by {@link encode} into `depth` nested arrays. */
export const deepValue: fc.Arbitrary<string> = fc
  .oneof(fc.integer({ min: 30, max: 40 }), fc.constantFrom(1_000, 20_000))
  .map((depth) => `${DEEP_MARK}${depth}`);

const awkwardKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'x\u0000', '\ud800', ''),
  fc.string({ maxLength: 12 }),
);

/** Any hostile JSON value: wrong types, deep, huge, unicode, NUL, extreme numbers and dates. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  hostileNumber,
  deepValue,
  fc.constantFrom(null, true, false, [], {}),
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(fc.oneof(hostileString, hostileNumber), { maxLength: 5 }),
  fc.dictionary(awkwardKey, fc.oneof(hostileString, hostileNumber), { maxKeys: 4 }),
);

type Json = Record<string, unknown> | unknown[];

/** Every path to a value inside `value` (objects and arrays), the root excluded. */
export function pathsOf(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value !== 'object' || value === null) return [];
  const entries = Array.isArray(value)
    ? value.map((child, index) => [index, child] as const)
    : Object.entries(value).map(([key, child]) => [key, child] as const);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

/** One mutation: replace, delete or add a value at a path of the example. */
export type Mutation =
  | { kind: 'replace'; pick: number; value: unknown }
  | { kind: 'delete'; pick: number }
  | { kind: 'add'; pick: number; key: string; value: unknown };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), value: hostileValue }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('add' as const),
      pick: fc.nat(),
      key: awkwardKey,
      value: hostileValue,
    }),
  },
);

/** A deep copy of `example` with the mutations applied (paths chosen among the current ones). */
export function applyMutations(example: object, mutations: readonly Mutation[]): unknown {
  const root = structuredClone(example) as Json;
  for (const m of mutations) {
    const paths = pathsOf(root);
    if (paths.length === 0) break;
    const path = paths[m.pick % paths.length];
    const parent = path
      .slice(0, -1)
      .reduce<unknown>((node, key) => (node as Json)[key as never], root) as Json;
    const key = path[path.length - 1];
    if (m.kind === 'replace') (parent as Record<string | number, unknown>)[key] = m.value;
    else if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete (parent as Record<string, unknown>)[key as string];
    } else {
      const target = (parent as Record<string | number, unknown>)[key];
      if (target && typeof target === 'object' && !Array.isArray(target)) {
        Object.defineProperty(target, m.key, {
          value: m.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
    }
  }
  return root;
}

/** JSON text of `value`, with each nesting marker expanded into that many nested arrays. */
export function encode(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.replace(/"\\u0001deep:(\d+)"/g, (_match, depth: string) => {
    const n = Number(depth);
    return `${'['.repeat(n)}${']'.repeat(n)}`;
  });
}

/** Whole-message damage: truncation, a wrong top-level type, garbage bytes, or nothing at all. */
export const brokenMessage: fc.Arbitrary<Buffer | string> = fc.oneof(
  fc.constantFrom('', ' ', 'null', '[]', '"x"', '42', '{', '\u0000', '\ufeff{}', '{"a":1}{"b":2}'),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.uint8Array({ maxLength: 60 }).map((bytes) => Buffer.from(bytes)),
  deepValue.map((mark) => encode(mark)),
);
