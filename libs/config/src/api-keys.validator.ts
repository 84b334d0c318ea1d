import { ValidationOptions, registerDecorator } from 'class-validator';
import { parseApiKeys } from './api-keys.parser';

/**
 * Validates a string property as an `API_KEYS` JSON array (see {@link parseApiKeys}); the failure
 * message carries the parser's reason. Combine with `@IsOptional()` when the key may be unset.
 */
export function IsApiKeysJson(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    const reasons = new WeakMap<object, string>();
    registerDecorator({
      name: 'isApiKeysJson',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: (args) =>
          `${args.property} must be a JSON array of {"id","sha256","scopes"}: ${reasons.get(args.object) ?? 'invalid'}`,
        ...options,
      },
      validator: {
        validate(value: unknown, args): boolean {
          if (typeof value !== 'string') return false;
          try {
            parseApiKeys(value);
            return true;
          } catch (error) {
            if (args) reasons.set(args.object, (error as Error).message);
            return false;
          }
        },
      },
    });
  };
}
