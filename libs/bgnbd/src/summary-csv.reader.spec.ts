import { join } from 'node:path';
import { parseSummaryCsv, readSummaryCsv } from './summary-csv.reader';
import { cdnowDir } from './testing/cdnow-data.fixture';

describe(parseSummaryCsv.name, () => {
  it('should read the CDNOW header spelling when the columns are ID,frequency,recency,T', () => {
    expect(parseSummaryCsv('ID,frequency,recency,T\n1,2,30.43,38.86\n2,0,0,38.86\n')).toEqual([
      { id: '1', x: 2, tx: 30.43, T: 38.86 },
      { id: '2', x: 0, tx: 0, T: 38.86 },
    ]);
  });

  it('should read the x,t_x header with extra columns, CRLF and no final newline', () => {
    expect(parseSummaryCsv('ID,x,t_x,T,zbar\r\n7,1,1.71,38.86,11.77')).toEqual([
      { id: '7', x: 1, tx: 1.71, T: 38.86 },
    ]);
  });

  it('should read the lifetimes spelling when columns are reordered', () => {
    expect(parseSummaryCsv('T,recency,frequency,customer_id\n10,4,3,abc\n')).toEqual([
      { id: 'abc', x: 3, tx: 4, T: 10 },
    ]);
  });

  it('should name the missing column when the header lacks recency', () => {
    expect(() => parseSummaryCsv('ID,frequency,T\n1,2,3\n')).toThrow(/no tx column/);
  });

  it('should name the line when a value is not a number or the history is invalid', () => {
    expect(() => parseSummaryCsv('ID,frequency,recency,T\n1,2,3,4\n2,x,1,2\n')).toThrow(
      /line 3: x is not a number/,
    );
    expect(() => parseSummaryCsv('ID,frequency,recency,T\n1,2,5,4\n')).toThrow(/line 2: t_x must be in/);
  });
});

describe(readSummaryCsv.name, () => {
  it('should read both CDNOW summary files identically when one has a spend column', () => {
    const plain = readSummaryCsv(join(cdnowDir(), 'cdnow_customers_summary.csv'));
    const withSpend = readSummaryCsv(join(cdnowDir(), 'cdnow_customers_summary_with_transactions.csv'));
    expect(plain).toHaveLength(2357);
    expect(withSpend).toEqual(plain);
  });
});
