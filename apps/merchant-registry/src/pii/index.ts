export { developmentKeyRing, PiiCipher, PiiKeyRing } from '@merchant-pulse/secure-storage';
export * from './pii.blind-index';
export * from './pii.masking';
export * from './encrypted-column.transformer';
export * from './pii.sealer';
