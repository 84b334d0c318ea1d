export { FakeClock } from '@merchant-pulse/clock';
export * from './read-topic';
export * from './test-infra';
export * from './test-app';
export * from './tampered-cursors';
export * from './free-port';
