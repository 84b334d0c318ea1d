export * from './pii.key-ring';
export * from './pii.cipher';
export * from './pii.blind-index';
export * from './pii.masking';
export * from './encrypted-column.transformer';
export * from './pii.sealer';
