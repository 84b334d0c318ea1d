import { EntityManager } from 'typeorm';

/**
 * Records event ids as processed by `consumer` in the caller's transaction and returns the ids that
 * were NOT seen before — apply the effect only for those. Because the inbox row and the effect commit
 * together, a redelivered event changes nothing.
 */
export async function claimUnprocessed(
  manager: EntityManager,
  consumer: string,
  eventIds: readonly string[],
): Promise<Set<string>> {
  if (eventIds.length === 0) return new Set();
  const rows: Array<{ event_id: string }> = await manager.query(
    `INSERT INTO inbox (consumer, event_id) SELECT $1, unnest($2::text[])
     ON CONFLICT (consumer, event_id) DO NOTHING RETURNING event_id`,
    [consumer, [...new Set(eventIds)]],
  );
  return new Set(rows.map((r) => r.event_id));
}
