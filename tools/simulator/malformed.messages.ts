import { Rng } from './rng';

/** A deliberately broken message and the dead-letter reason ingestion should give it. */
export interface MalformedMessage {
  value: string;
  reason: 'malformed_json' | 'schema_violation';
}

/**
 * Derives a broken message from a valid one (with its own transaction id, so it never collides
 * with a real transaction): truncated JSON, or a JSON object that breaks the schema in one of
 * the ways acquirer integrations really do.
 */
export function malformedMessage(
  rng: Rng,
  validValue: string,
  transactionId: string,
  allowBrokenJson: boolean,
): MalformedMessage {
  const broken = JSON.parse(validValue) as Record<string, unknown>;
  broken.transactionId = `${transactionId}-X`;
  const variant = rng.int(allowBrokenJson ? 0 : 1, 4);
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
    default:
      broken.occurredAt = String(broken.occurredAt).slice(0, 10);
  }
  return { value: JSON.stringify(broken), reason: 'schema_violation' };
}
