import type { RawTransaction } from '@merchant-pulse/contracts';

/**
 * Response codes that mean "the card could not be read" (chip/magstripe/contactless read error), as
 * the acquirer's switch reports them: `E1` chip read error, `E2` magstripe unreadable, `E3`
 * contactless read timeout, `CR` generic card-read failure. Only declined transactions carry them;
 * a QR payment has no card to read, so `entryMode: qr` never counts.
 */
export const CARD_READ_FAILURE_RESPONSE_CODES: ReadonlySet<string> = new Set(['E1', 'E2', 'E3', 'CR']);

/** True when the transaction failed because the terminal could not read the card. */
export function isCardReadFailure(
  tx: Pick<RawTransaction, 'status' | 'responseCode' | 'entryMode'>,
): boolean {
  return (
    tx.status === 'declined' &&
    tx.entryMode !== 'qr' &&
    tx.responseCode !== undefined &&
    CARD_READ_FAILURE_RESPONSE_CODES.has(tx.responseCode.toUpperCase())
  );
}
