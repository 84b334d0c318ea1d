import { argValue, brokersFromEnv, formatTable } from './kafka-admin.helpers';

describe('kafka-admin.helpers', () => {
  it('should default to 127.0.0.1:9092 when KAFKA_BROKERS is unset or blank', () => {
    expect(brokersFromEnv({})).toEqual(['127.0.0.1:9092']);
    expect(brokersFromEnv({ KAFKA_BROKERS: '  ' })).toEqual(['127.0.0.1:9092']);
  });

  it('should split and trim brokers when KAFKA_BROKERS lists several', () => {
    expect(brokersFromEnv({ KAFKA_BROKERS: 'a:9092, b:9092,' })).toEqual(['a:9092', 'b:9092']);
  });

  it('should return the value after the flag when the flag is present', () => {
    expect(argValue(['--prefix', 'it-7.'], 'prefix')).toBe('it-7.');
    expect(argValue(['--check'], 'prefix')).toBeUndefined();
  });

  it('should throw when a flag has no value', () => {
    expect(() => argValue(['--prefix'], 'prefix')).toThrow('--prefix needs a value');
    expect(() => argValue(['--prefix', '--check'], 'prefix')).toThrow('--prefix needs a value');
  });

  it('should pad columns to the widest cell when formatting a table', () => {
    expect(formatTable(['topic', 'n'], [['a.v1', '12']])).toBe('topic  n\n-----  --\na.v1   12');
  });
});
