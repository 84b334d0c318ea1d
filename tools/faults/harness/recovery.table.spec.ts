import { formatTable } from './recovery.table';

describe('formatTable', () => {
  it('should print one aligned row per fault with seconds and "never" for no recovery', () => {
    const table = formatTable([
      {
        scenario: 'kafka broker down',
        fault: 'stopped',
        faultMs: 20_400,
        resumedMs: 3_210,
        drainedMs: 1_000,
        unplannedRestarts: 0,
        result: 'pass',
      },
      { scenario: 'hostile', fault: 'mix', faultMs: 0, unplannedRestarts: 2, result: 'FAIL: stuck' },
    ]).split('\n');

    expect(table).toHaveLength(4);
    expect(table[2]).toMatch(
      /\| kafka broker down \| stopped +\| 20\.4 s \| 3\.2 s +\| 1\.0 s +\| 0 +\| pass +\|/,
    );
    expect(table[3]).toMatch(/\| never +\| never +\| 2 +\| FAIL: stuck/);
    expect(new Set(table.map((l) => l.length)).size).toBe(1);
  });
});
