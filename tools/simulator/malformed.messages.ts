import { Rng } from './rng';

/** Dead-letter reasons the simulator's broken messages must get. */
export type MalformedReason = 'malformed_json' | 'schema_violation' | 'too_large';

/** A deliberately broken message and the dead-letter reason ingestion should give it. */
export interface MalformedMessage {
  value: string;
  reason: MalformedReason;
}

/** Nesting far past any parser's recursion limit (class-transformer overflows its stack near 10,000). */
const DEEP_ARRAYS = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;

/**
 * Derives a broken message from a valid one (with its own transaction id, so it never collides
 * with a real transaction): truncated JSON, or a JSON object that breaks the schema in one of
 * the ways acquirer integrations really do. On Kafka (where broken JSON can travel) it also sends
 * hostile ones: a NUL acquirer id with a non-numeric amount, 20,000 nested arrays, a 70 kB field, an
 * amount past 2^53 and a year-0000 date — each must end as a dead letter with its reason, and the
 * messages around it must be applied as if it were not there.
 */
export function malformedMessage(
  rng: Rng,
  validValue: string,
  transactionId: string,
  allowBrokenJson: boolean,
): MalformedMessage {
  const broken = JSON.parse(validValue) as Record<string, unknown>;
  broken.transactionId = `${transactionId}-X`;
  const variant = allowBrokenJson ? rng.int(0, 9) : rng.int(1, 4);
  switch (variant) {
    case 0: {
      const text = JSON.stringify(broken);
      return { value: text.slice(0, Math.floor(text.length / 2)), reason: 'malformed_json' };
    }
    case 1:
      broken.channel = 'cash';
      break;
    case 2:
      broken.amountMinor = `${(Number(broken.amountMinor) / 100).toFixed(2)}`;
      break;
    case 3:
      delete broken.terminalId;
      break;
    case 4:
      broken.occurredAt = String(broken.occurredAt).slice(0, 10);
      break;
    case 5:
      broken.acquirerId = '\u0000';
      broken.amountMinor = 'x';
      break;
    case 6: {
      const text = JSON.stringify(broken);
      return { value: `${text.slice(0, -1)},"extra":${DEEP_ARRAYS}}`, reason: 'schema_violation' };
    }
    case 7:
      broken.responseCode = 'A'.repeat(70_000);
      return { value: JSON.stringify(broken), reason: 'too_large' };
    case 8:
      broken.amountMinor = 2 ** 53 + 2;
      break;
    default:
      broken.occurredAt = '0000-01-01T00:00:00Z';
  }
  return { value: JSON.stringify(broken), reason: 'schema_violation' };
}
