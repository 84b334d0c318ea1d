export * from './pii.key-ring';
export * from './pii.cipher';
export * from './object-storage.port';
export * from './local-directory.object-storage';
export * from './encrypted.object-storage';
