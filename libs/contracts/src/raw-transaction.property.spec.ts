import fc from 'fast-check';
import { RAW_TRANSACTION_EXAMPLE } from './event-examples';
import { RawTransactionV1, parseRawTransaction } from './raw-transaction';
import type { RawTransactionRejectionReason } from './raw-transaction';
import {
  applyMutations,
  brokenMessage,
  encode,
  hostileValue,
  mutation,
} from './testing/hostile-json.arbitraries';
import { exceedsJsonDepth } from './validation/json-limits';
import { isStorableText } from './validation/storable-values';
import { validateContract } from './validation/validate-contract';
import { CHANNELS, ENTRY_MODES, TRANSACTION_STATUSES } from './vocabulary';

const REJECTION_REASONS: readonly RawTransactionRejectionReason[] = [
  'empty_message',
  'too_large',
  'malformed_json',
  'schema_violation',
];

/** An accepted transaction is safe to write: ASCII ids, a safe amount, an instant with a 4-digit UTC year. */
function writable(raw: Buffer | string): boolean {
  const result = parseRawTransaction(raw);
  if (!result.ok) return REJECTION_REASONS.includes(result.reason) && isStorableText(result.detail);
  const tx = result.value;
  const utc = new Date(tx.occurredAt).toISOString();
  return (
    Number.isSafeInteger(tx.amountMinor) &&
    /^\d{4}-/.test(utc) &&
    Object.values(tx).every((value) => typeof value !== 'string' || /^[\x20-\x7E]*$/.test(value))
  );
}

const idChar = fc.constantFrom(...'ABCXYZabcxyz0129-_.:/#~!'.split(''));
const id = fc.string({ unit: idChar, minLength: 1, maxLength: 64 });
const offset = fc.constantFrom('Z', '+08:00', '-05:30', '+14:00', '-12:00', '+00:00');
const instant = fc
  .record({
    year: fc.integer({ min: 1900, max: 9998 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    seconds: fc.integer({ min: 0, max: 86_399 }),
    fraction: fc.constantFrom('', '.5', '.123', '.123456789'),
    offset,
  })
  .map(({ year, month, day, seconds, fraction, offset }) => {
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    const time = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
    return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${time}${fraction}${offset}`;
  });

/** Any transaction the contract accepts, with and without its optional fields. */
const validTransaction = fc
  .record(
    {
      acquirerId: id,
      transactionId: id,
      merchantId: id,
      terminalId: id,
      occurredAt: instant,
      amountMinor: fc.maxSafeInteger(),
      currency: fc.stringMatching(/^[A-Z]{3}$/),
      channel: fc.constantFrom(...CHANNELS),
      type: fc.constantFrom('purchase', 'refund', 'reversal'),
      originalTransactionId: id,
      status: fc.constantFrom(...TRANSACTION_STATUSES),
      responseCode: fc.stringMatching(/^[A-Za-z0-9]{1,8}$/),
      entryMode: fc.constantFrom(...ENTRY_MODES),
    },
    {
      requiredKeys: ['acquirerId', 'transactionId', 'merchantId', 'terminalId', 'occurredAt', 'amountMinor'],
    },
  )
  .map((tx) => ({
    channel: 'credit',
    type: 'purchase',
    status: 'approved',
    ...tx,
    ...(tx.type && tx.type !== 'purchase'
      ? { originalTransactionId: tx.originalTransactionId ?? 'TX-0' }
      : {}),
  }));

/** The documented class's verdict; class-transformer throws on some hostile shapes, which is a rejection. */
function classAccepts(candidate: Record<string, unknown>): boolean {
  try {
    return validateContract(RawTransactionV1, candidate, 'strict').issues.length === 0;
  } catch {
    return false;
  }
}

// Hundreds of generated cases per property: seconds on a loaded 2-core machine, not Jest's default 5 s.
jest.setTimeout(30_000);

describe(`${parseRawTransaction.name} (properties)`, () => {
  it('should never throw and end writable or with a reason when the example is mutated', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) =>
        writable(encode(applyMutations(RAW_TRANSACTION_EXAMPLE, mutations))),
      ),
      { numRuns: 500 },
    );
  });

  it('should never throw when the whole message is broken', () => {
    fc.assert(
      fc.property(brokenMessage, (raw) => writable(raw)),
      { numRuns: 200 },
    );
  });

  it('should agree with the documented RawTransactionV1 class on every shallow mutation', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 2 }), (mutations) => {
        const candidate = applyMutations(RAW_TRANSACTION_EXAMPLE, mutations) as Record<string, unknown>;
        const text = encode(candidate);
        const parsed = JSON.parse(text) as Record<string, unknown>;
        fc.pre(!exceedsJsonDepth(parsed) && text.length < 60_000);
        return parseRawTransaction(text).ok === classAccepts(parsed);
      }),
      { numRuns: 300 },
    );
  });

  it('should accept every valid transaction and return its fields unchanged', () => {
    fc.assert(
      fc.property(validTransaction, fc.boolean(), (tx, asBuffer) => {
        const json = JSON.stringify(tx);
        const result = parseRawTransaction(asBuffer ? Buffer.from(json) : json);
        if (!result.ok) return false;
        const value = result.value as unknown as Record<string, unknown>;
        return (
          value.currency === (tx.currency ?? 'CNY') && Object.entries(tx).every(([k, v]) => value[k] === v)
        );
      }),
      { numRuns: 300 },
    );
  });

  it('should reject a hostile value in any field with schema_violation naming that field', () => {
    const fields = Object.keys(RAW_TRANSACTION_EXAMPLE);
    fc.assert(
      fc.property(fc.constantFrom(...fields), hostileValue, (field, value) => {
        const result = parseRawTransaction(encode({ ...RAW_TRANSACTION_EXAMPLE, [field]: value }));
        return result.ok
          ? writable(encode({ ...RAW_TRANSACTION_EXAMPLE, [field]: value }))
          : result.detail.includes(`${field}:`) || result.reason === 'too_large';
      }),
      { numRuns: 300 },
    );
  });
});
