// Decorator metadata (design:type) drives implicit conversion; it must be loaded before any schema class.
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { ValidationError, getMetadataStorage, validateSync } from 'class-validator';
import { ConfigError } from './config.error';

type ConfigClass<T> = new () => T;

const SECRET_KEY = /KEY|SECRET|PASSWORD|TOKEN/i;
const MAX_ECHOED_VALUE = 80;

/**
 * Builds a validated config object from environment variables, once, at boot.
 *
 * - Only the keys the schema declares are read (a property with a class-validator decorator or an
 *   initialiser); the rest of the environment is ignored.
 * - Property initialisers are the defaults; an empty variable (`PORT=`) counts as unset.
 * - Values are converted to the declared property types (`enableImplicitConversion`): `"3001"` → 3001.
 *   Booleans are not supported by implicit conversion (`"false"` would be `true`): use `@Transform`.
 *
 * @throws ConfigError naming every failing key and why, e.g.
 *   `Invalid configuration: PORT must be an integer between 1 and 65535 (got "abc")`.
 */
export function loadConfig<T extends object>(
  schemaClass: ConfigClass<T>,
  env: Record<string, string | undefined> = process.env,
): T {
  const plain: Record<string, string> = {};
  for (const key of declaredKeys(schemaClass)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== '') plain[key] = value;
  }
  const config = plainToInstance(schemaClass, plain, {
    enableImplicitConversion: true,
    exposeDefaultValues: true,
  });
  const errors = validateSync(config, { stopAtFirstError: true, forbidUnknownValues: false });
  if (errors.length > 0) {
    const problems = flatten(errors).map((error) => describe(error, env));
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`, problems);
  }
  return config;
}

function declaredKeys(schemaClass: ConfigClass<object>): Set<string> {
  const validated = getMetadataStorage()
    .getTargetValidationMetadatas(schemaClass, '', true, false)
    .map((metadata) => metadata.propertyName);
  return new Set([...validated, ...Object.keys(new schemaClass())]);
}

function flatten(errors: ValidationError[]): ValidationError[] {
  return errors.flatMap((error) => [...(error.constraints ? [error] : []), ...flatten(error.children ?? [])]);
}

function describe(error: ValidationError, env: Record<string, string | undefined>): string {
  const reasons = [...new Set(Object.values(error.constraints ?? {}))].join(', ');
  return `${reasons} (${echo(error.property, env[error.property])})`;
}

/** What the operator set, without leaking secrets or URL passwords into logs. */
function echo(key: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') return 'not set';
  if (SECRET_KEY.test(key)) return 'got <redacted>';
  const masked = value.replace(/(\/\/[^:/@]+:)[^@/]*@/, '$1***@');
  const shown = masked.length > MAX_ECHOED_VALUE ? `${masked.slice(0, MAX_ECHOED_VALUE)}…` : masked;
  return `got ${JSON.stringify(shown)}`;
}
