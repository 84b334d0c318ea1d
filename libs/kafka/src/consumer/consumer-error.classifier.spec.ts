import { errorSignature, isPoisonCandidate } from './consumer-error.classifier';

const pg = (code: string, message = 'x') => Object.assign(new Error(message), { code, severity: 'ERROR' });
const typeorm = (driverError: Error) =>
  Object.assign(new Error(driverError.message), { name: 'QueryFailedError', driverError });

describe(isPoisonCandidate.name, () => {
  it.each(['22021', '22P02', '22001', '23505', '23514'])(
    'should suspect the messages when Postgres reports data error %s',
    (code) => {
      expect(isPoisonCandidate(pg(code))).toBe(true);
      expect(isPoisonCandidate(typeorm(pg(code)))).toBe(true);
    },
  );

  it.each([
    '57014',
    '25006',
    '53100',
    '53200',
    '58030',
    '40001',
    '40P01',
    '57P01',
    '08006',
    '42P01',
    'XX000',
  ])('should retry and never dead-letter when Postgres reports %s', (code) => {
    expect(isPoisonCandidate(pg(code))).toBe(false);
    expect(isPoisonCandidate(typeorm(pg(code)))).toBe(false);
  });

  it.each([
    Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
    Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }),
    new Error('Connection terminated unexpectedly'),
    new Error('timeout exceeded when trying to connect'),
    new Error('Client has encountered a connection error and is not queryable'),
    Object.assign(new Error('broker gone'), { name: 'KafkaJSConnectionError' }),
  ])('should retry when the infrastructure fails: %s', (error) => {
    expect(isPoisonCandidate(error)).toBe(false);
  });

  it('should suspect the messages when the handler throws on its own', () => {
    expect(isPoisonCandidate(new TypeError("Cannot read properties of undefined (reading 'amount')"))).toBe(
      true,
    );
    expect(isPoisonCandidate(new RangeError('Maximum call stack size exceeded'))).toBe(true);
    expect(isPoisonCandidate(new Error('cannot apply amount 666'))).toBe(true);
  });
});

describe(errorSignature.name, () => {
  it('should treat errors with one SQLSTATE as the same failure whatever the row values', () => {
    expect(errorSignature(pg('23505', 'Key (id)=(1) already exists'))).toBe(
      errorSignature(typeorm(pg('23505', 'Key (id)=(2)'))),
    );
    expect(errorSignature(new TypeError('a'))).not.toBe(errorSignature(new TypeError('b')));
  });
});
