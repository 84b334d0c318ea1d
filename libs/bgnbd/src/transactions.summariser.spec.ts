import { summariseTransactions, toEpochDay } from './transactions.summariser';
import { loadCdnowSampleRows, loadCdnowSummary } from './testing/cdnow-data.fixture';

describe(summariseTransactions.name, () => {
  const rows = [
    { customerId: 'a', date: '2024-01-01' },
    { customerId: 'a', date: '2024-01-01' }, // same day: merged
    { customerId: 'b', date: '20240105' },
    { customerId: 'a', date: '2024-01-15' },
    { customerId: 'a', date: new Date('2024-01-29T23:59:00Z') },
    { customerId: 'a', date: '2024-02-10' }, // holdout
    { customerId: 'c', date: '2024-02-01' }, // acquired after calibration
  ];

  it('should merge same-day records, exclude the first purchase and measure from it when unit = weeks', () => {
    const result = summariseTransactions(rows, { calibrationEnd: '2024-01-29', unit: 'weeks' });
    expect(result).toEqual([
      { id: 'a', x: 2, tx: 4, T: 4, firstPurchase: '2024-01-01' },
      { id: 'b', x: 0, tx: 0, T: 24 / 7, firstPurchase: '2024-01-05' },
    ]);
  });

  it('should count holdout purchase days and use days when asked', () => {
    const result = summariseTransactions(rows, {
      calibrationEnd: '2024-01-20',
      holdoutEnd: '2024-02-29',
      unit: 'days',
    });
    expect(result.find((c) => c.id === 'a')).toEqual({
      id: 'a',
      x: 1,
      tx: 14,
      T: 19,
      firstPurchase: '2024-01-01',
      holdoutX: 2,
    });
    expect(result.find((c) => c.id === 'c')).toBeUndefined();
  });

  it('should reject malformed days and a holdout that ends before calibration', () => {
    expect(() =>
      summariseTransactions([{ customerId: 'a', date: '2024-02-30' }], {
        calibrationEnd: '2024-03-01',
        unit: 'days',
      }),
    ).toThrow(RangeError);
    expect(() =>
      summariseTransactions([{ customerId: 'a', date: '2024/01/01' }], {
        calibrationEnd: '2024-03-01',
        unit: 'days',
      }),
    ).toThrow(RangeError);
    expect(() =>
      summariseTransactions([], { calibrationEnd: '2024-03-01', holdoutEnd: '2024-02-01', unit: 'days' }),
    ).toThrow(RangeError);
  });

  it('should rebuild the published CDNOW summary within 0.005 weeks when given CDNOW_sample.txt', () => {
    const rebuilt = summariseTransactions(loadCdnowSampleRows(), {
      calibrationEnd: '1997-09-30',
      unit: 'weeks',
    });
    const published = new Map(loadCdnowSummary().map((c) => [c.id, c]));
    expect(rebuilt).toHaveLength(2357);
    for (const customer of rebuilt) {
      const expected = published.get(customer.id)!;
      expect(customer.x).toBe(expected.x);
      expect(Math.abs(customer.tx - expected.tx)).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(Math.abs(customer.T - expected.T)).toBeLessThanOrEqual(0.005 + 1e-9);
    }
  });
});

describe(toEpochDay.name, () => {
  it('should give the same day for both string spellings and a Date at that UTC day', () => {
    expect(toEpochDay('1997-01-01')).toBe(toEpochDay('19970101'));
    expect(toEpochDay(new Date('1997-01-01T18:00:00Z'))).toBe(toEpochDay('1997-01-01'));
    expect(toEpochDay('1970-01-02')).toBe(1);
  });

  it('should reject an impossible month', () => {
    expect(() => toEpochDay('2024-13-01')).toThrow(RangeError);
  });
});
