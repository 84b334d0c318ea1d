export * from './data-source.options';
export * from './database.module';
export * from './money';
export * from './transaction';
export * from './redis.module';
export * from './transaction.runner';
