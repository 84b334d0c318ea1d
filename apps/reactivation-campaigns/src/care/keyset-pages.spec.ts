import { merchantPages } from './keyset-pages';

describe('merchantPages', () => {
  const ids = Array.from({ length: 1_001 }, (_, i) => ({ merchantId: `M-${String(i).padStart(5, '0')}` }));
  const fetch = async (after: string, limit: number) =>
    ids.filter((r) => r.merchantId > after).slice(0, limit);

  it('should visit every row once, in pages of the limit, and stop after a short page', async () => {
    const seen: string[] = [];
    const sizes: number[] = [];
    for await (const page of merchantPages(fetch, 500)) {
      sizes.push(page.length);
      seen.push(...page.map((r) => r.merchantId));
    }
    expect(sizes).toEqual([500, 500, 1]);
    expect(seen).toEqual(ids.map((r) => r.merchantId));
  });

  it('should yield nothing for an empty table and stop on an exactly full last page', async () => {
    const pages = async (rows: typeof ids) => {
      const sizes: number[] = [];
      for await (const page of merchantPages(
        async (a, l) => rows.filter((r) => r.merchantId > a).slice(0, l),
        500,
      ))
        sizes.push(page.length);
      return sizes;
    };
    expect(await pages([])).toEqual([]);
    expect(await pages(ids.slice(0, 1_000))).toEqual([500, 500]);
  });
});
