// Decorator metadata (design:type) drives implicit conversion; it must be loaded before any schema class.
import 'reflect-metadata';
export * from './api-keys.parser';
export * from './api-keys.validator';
export * from './base-service.config';
export * from './config.error';
export * from './config.loader';
export * from './console-roles';
