import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/** One invalid field in a 400 response: a dotted path (`contact.phone`, `items.0.amount`) and its messages. */
export interface FieldError {
  field: string;
  messages: string[];
}

/** Body of a validation 400. */
export interface ValidationErrorBody {
  statusCode: 400;
  error: 'Bad Request';
  message: 'Validation failed';
  errors: FieldError[];
}

/**
 * The global request validation pipe: strips nothing silently — unknown fields are rejected
 * (`forbidNonWhitelisted`) — transforms payloads into DTO instances, and answers 400
 * {@link ValidationErrorBody} with every invalid field at its dotted path.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const body: ValidationErrorBody = {
        statusCode: 400,
        error: 'Bad Request',
        message: 'Validation failed',
        errors: flattenValidationErrors(errors),
      };
      return new BadRequestException(body);
    },
  });
}

/** Flattens class-validator's error tree into one entry per invalid field, nested paths dotted. */
export function flattenValidationErrors(errors: readonly ValidationError[], parentPath = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parentPath === '' ? error.property : `${parentPath}.${error.property}`;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}
