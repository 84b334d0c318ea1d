import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readActivityFile } from './activity-file.reader';

describe(readActivityFile.name, () => {
  const dir = mkdtempSync(join(tmpdir(), 'activity-file-'));

  it('should read the card share from a flat column or from the byChannel breakdown, and leave it absent otherwise', () => {
    const file = join(dir, 'a.jsonl');
    writeFileSync(
      file,
      [
        { merchantId: 'flat', date: '2026-01-01', approvedCount: 5, cardApprovedCount: 2 },
        {
          merchantId: 'event',
          payload: {
            date: '2026-01-01',
            approvedCount: 4,
            asOf: '2026-01-02T00:00:00Z',
            byChannel: { credit: { count: 1 }, debit: { count: 2 }, qr_alipay: { count: 1 } },
          },
        },
        { merchantId: 'none', date: '2026-01-01', approvedCount: 3 },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const activity = readActivityFile(file);
    expect(activity.get('flat')![0].cardApprovedCount).toBe(2);
    expect(activity.get('event')![0].cardApprovedCount).toBe(3);
    expect(activity.get('none')![0]).not.toHaveProperty('cardApprovedCount');
  });
});
