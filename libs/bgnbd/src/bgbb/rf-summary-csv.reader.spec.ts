import { DONATIONS_SUMMARY_PATH } from '../testing/donations-data.fixture';
import { parseRfSummaryCsv, readRfSummaryCsv } from './rf-summary-csv.reader';

describe(parseRfSummaryCsv.name, () => {
  it('should read the donations header with counts when given frequency,recency,n,n_custs', () => {
    const result = parseRfSummaryCsv('frequency,recency,n,n_custs\n0,0,6,3464\n2,4,6,155\n');
    expect(result).toEqual({
      ok: true,
      patterns: [
        { x: 0, tx: 0, n: 6, count: 3464 },
        { x: 2, tx: 4, n: 6, count: 155 },
      ],
    });
  });

  it('should read the lifetimes spelling with CRLF and ignore extra columns', () => {
    const result = parseRfSummaryCsv('ID,Frequency,Recency,Periods,Weights\r\n7,1,3,6,2\r\n');
    expect(result).toEqual({ ok: true, patterns: [{ x: 1, tx: 3, n: 6, count: 2 }] });
  });

  it('should count one customer per line when there is no count column', () => {
    const result = parseRfSummaryCsv('x,t_x,n\n1,1,6\n1,1,6');
    expect(result).toEqual({
      ok: true,
      patterns: [
        { x: 1, tx: 1, n: 6, count: 1 },
        { x: 1, tx: 1, n: 6, count: 1 },
      ],
    });
  });

  it('should report every bad line with its number and keep going when rows are invalid', () => {
    const result = parseRfSummaryCsv('frequency,recency,n,n_custs\n3,2,6,1\nabc,1,6,1\n1,1,6,0\n1,1,6,4\n');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      'line 2: x must not exceed t_x (one transaction per opportunity), got x=3, t_x=2',
      'line 3: x is not a number ("abc")',
      'line 4: count must be a positive integer, got 0',
    ]);
  });

  it('should name the missing column and the accepted spellings when the header lacks one', () => {
    const result = parseRfSummaryCsv('frequency,recency,T\n1,1,6\n');
    expect(result).toEqual({
      ok: false,
      errors: ['no n column (accepted: n, periods, opportunities); header: frequency,recency,T'],
    });
  });

  it('should report an empty table rather than return no patterns', () => {
    expect(parseRfSummaryCsv('frequency,recency,n\n')).toEqual({ ok: false, errors: ['no data rows'] });
    expect(parseRfSummaryCsv('')).toEqual(expect.objectContaining({ ok: false }));
  });
});

describe(readRfSummaryCsv.name, () => {
  it('should read the donations table shipped in test-data', () => {
    const result = readRfSummaryCsv(DONATIONS_SUMMARY_PATH);
    expect(result.ok && result.patterns.length).toBe(22);
  });
});
