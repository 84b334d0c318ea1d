import { ValidationOptions, registerDecorator } from 'class-validator';

/**
 * Validates a string property with a parser that throws an `Error` explaining the problem; the
 * failure message is `<property> <explanation>`. `parse` receives the whole config object, so the
 * rules may depend on `NODE_ENV`. Combine with `@IsOptional()` when the key may be unset.
 */
export function ParsesWith(
  parse: (value: string, config: object) => unknown,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    const reasons = new WeakMap<object, string>();
    registerDecorator({
      name: 'parsesWith',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: (args) => `${args.property} ${reasons.get(args.object) ?? 'is invalid'}`,
        ...options,
      },
      validator: {
        validate(value: unknown, args): boolean {
          if (typeof value !== 'string') return false;
          try {
            parse(value, args?.object ?? {});
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
