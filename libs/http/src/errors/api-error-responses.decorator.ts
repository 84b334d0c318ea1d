import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';

/** OpenAPI shape of every error body (`HttpExceptionFilter`): status, reason phrase, and details. */
export class ErrorResponse {
  @ApiProperty({ example: 404 })
  statusCode!: number;

  @ApiProperty({ example: 'Not Found' })
  error!: string;

  @ApiPropertyOptional({ description: 'Human-readable detail', example: 'merchant not found' })
  message?: string;

  @ApiPropertyOptional({
    description: 'Machine-readable reason where the endpoint has several (e.g. application_locked)',
  })
  code?: string;

  @ApiPropertyOptional({
    description: 'Correlation id of the request (500s), also in the X-Correlation-Id header',
  })
  correlationId?: string;
}

/** One invalid field of a 400: dotted path and its messages. */
export class FieldErrorResponse {
  @ApiProperty({ example: 'contact.phone', description: 'Dotted path of the field ("" for the whole input)' })
  field!: string;

  @ApiProperty({ type: [String], example: ['phone must be a valid phone number'] })
  messages!: string[];
}

/** Body of a validation 400 (`ValidationErrorBody` of the global validation pipe). */
export class ValidationErrorResponse {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request' })
  error!: string;

  @ApiProperty({ example: 'Validation failed' })
  message!: string;

  @ApiProperty({ type: [FieldErrorResponse] })
  errors!: FieldErrorResponse[];
}

/** 400 with every invalid field (global validation pipe: body, query and path parameters). */
export const ApiValidationError = (description = 'Invalid input: every invalid field with its messages') =>
  ApiBadRequestResponse({ description, type: ValidationErrorResponse });

/** 401: no API key, or an unknown or revoked one. */
export const ApiUnauthorized = () =>
  ApiUnauthorizedResponse({ description: 'Missing, unknown or revoked API key', type: ErrorResponse });

/** 403: the API key lacks a scope the route requires (or is bound to another tenant). */
export const ApiForbidden = () =>
  ApiForbiddenResponse({ description: 'The API key lacks a required scope', type: ErrorResponse });

/** 429: over the rate limit; `Retry-After` says when to try again. */
export const ApiTooManyRequests = () =>
  ApiTooManyRequestsResponse({
    description: 'Rate limit exceeded (per API key); retry after the Retry-After header (seconds)',
    type: ErrorResponse,
    headers: {
      'Retry-After': { description: 'Seconds until a request is allowed again', schema: { type: 'integer' } },
    },
  });

/** 404 of a route addressing one resource. */
export const ApiNotFound = (description = 'No such resource') =>
  ApiNotFoundResponse({ description, type: ErrorResponse });

/** 409: the resource's state forbids the request (details in the body). */
export const ApiConflict = (description = 'Conflicts with the current state of the resource') =>
  ApiConflictResponse({ description, type: ErrorResponse });

/** 422: well-formed but breaks a business rule (details in the body). */
export const ApiUnprocessable = (description = 'Breaks a business rule') =>
  ApiUnprocessableEntityResponse({ description, type: ErrorResponse });

/**
 * The errors every guarded route can answer, for a controller class (or one route): 400 field
 * errors (global validation pipe), 401 and 403 (global API-key guard and scopes), 429 (global rate
 * limit). Add {@link ApiNotFound}, {@link ApiConflict} and {@link ApiUnprocessable} per route.
 *
 * ```ts
 * @ApiStandardErrors()
 * @Controller('v1/merchants')
 * export class MerchantsController { @Get(':id') @ApiNotFound('No merchant with this id') get() {} }
 * ```
 */
export const ApiStandardErrors = () =>
  applyDecorators(ApiValidationError(), ApiUnauthorized(), ApiForbidden(), ApiTooManyRequests());

/** Status codes {@link ApiStandardErrors} documents (checked by the OpenAPI generator). */
export const STANDARD_ERROR_STATUSES = ['400', '401', '403', '429'] as const;
