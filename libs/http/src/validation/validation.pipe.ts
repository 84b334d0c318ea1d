import {
  ArgumentMetadata,
  BadRequestException,
  HttpException,
  ValidationError,
  ValidationPipe,
  ValidationPipeOptions,
} from '@nestjs/common';
import { findHostileInput } from './hostile-input';

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

function validationFailed(errors: FieldError[]): BadRequestException {
  const body: ValidationErrorBody = {
    statusCode: 400,
    error: 'Bad Request',
    message: 'Validation failed',
    errors,
  };
  return new BadRequestException(body);
}

/**
 * ValidationPipe made total: before class-transformer runs, a body, query or parameter that nests
 * deeper than 32 levels or holds a NUL or a lone surrogate is a 400 naming the field; and anything
 * class-transformer/class-validator throw on hostile shapes (a RangeError, a TypeError on an object
 * with a `constructor` key) is a 400 too, never a 500.
 */
class TotalValidationPipe extends ValidationPipe {
  constructor(options: ValidationPipeOptions) {
    super(options);
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const hostile = findHostileInput(value);
      if (hostile) throw validationFailed([{ field: hostile.field, messages: [hostile.message] }]);
    }
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (error instanceof HttpException) throw error;
      const cause = error instanceof Error ? error.name : 'error';
      throw validationFailed([
        { field: '', messages: [`the ${metadata.type} could not be validated (${cause})`] },
      ]);
    }
  }
}

/**
 * The global request validation pipe: strips nothing silently — unknown fields are rejected
 * (`forbidNonWhitelisted`) — transforms payloads into DTO instances, and answers 400
 * {@link ValidationErrorBody} with every invalid field at its dotted path. Total: hostile input
 * (deep nesting, NUL, lone surrogates, shapes the validators throw on) is a 400, never a 500.
 */
export function createValidationPipe(): ValidationPipe {
  return new TotalValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
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
