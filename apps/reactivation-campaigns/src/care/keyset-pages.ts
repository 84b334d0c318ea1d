/** Page size of the care scheduler's scans. */
export const CARE_PAGE = 500;

/**
 * Walks a keyset-paginated query (rows ordered by merchant id, `after` exclusive) page by page, so a scan
 * over every merchant holds one page in memory and never repeats or skips a row.
 */
export async function* merchantPages<T extends { merchantId: string }>(
  fetch: (afterId: string, limit: number) => Promise<T[]>,
  limit = CARE_PAGE,
): AsyncGenerator<T[]> {
  for (let after = ''; ;) {
    const page = await fetch(after, limit);
    if (page.length > 0) yield page;
    if (page.length < limit) return;
    after = page[page.length - 1].merchantId;
  }
}
