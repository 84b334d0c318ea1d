export * from './service-platform.module';
export * from './service.config';
export * from './clock.controller';
export * from './periodic-task';
export * from './messaging-retention.job';
export * from './migrations.check';
