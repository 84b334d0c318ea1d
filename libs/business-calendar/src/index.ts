export * from './business-calendar';
export * from './cn-public-holidays';
export * from './zoned-time';
