import { BadRequestException, ExecutionContext, createParamDecorator } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { AuthenticatedRequest } from './api-key.principal';

/** Header naming the person behind a shared key, e.g. the ops console's `console:<username>`. */
export const ACTOR_HEADER = 'x-actor';

const ACTOR = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;

/**
 * The request's `X-Actor` header, or undefined when absent. A malformed header (anything but an
 * identifier of up to 128 characters: letters, digits, `.`, `_`, `:`, `@`, `-`) is 400.
 */
export function requestActor(request: AuthenticatedRequest): string | undefined {
  const header = request.headers[ACTOR_HEADER];
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !ACTOR.test(header))
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: 'Validation failed',
      errors: [{ field: 'X-Actor', messages: ['X-Actor must be an identifier of up to 128 characters'] }],
    });
  return header;
}

/**
 * Who is acting, for an audit trail: the `X-Actor` header (the agent behind a shared key, e.g. the ops
 * console's session user) or else the API key's id. A malformed header is 400.
 */
export const Actor = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  return requestActor(request) ?? request.apiKey?.id ?? 'anonymous';
});

/**
 * Like {@link Actor} but never loses the key: `X-Actor` present → `<actor> via <key id>` (e.g.
 * `console:li.na via ops-console-account_manager`), else the key id. For audits of sensitive access,
 * where a header any key holder can set must not hide which key was used.
 */
export const AccountableActor = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  const key = request.apiKey?.id ?? 'anonymous';
  const actor = requestActor(request);
  return actor === undefined ? key : `${actor} via ${key}`;
});

/** Documents the optional `X-Actor` header of a route whose audit records it. */
export const ApiActorHeader = (): MethodDecorator & ClassDecorator =>
  ApiHeader({
    name: 'X-Actor',
    required: false,
    description:
      'The person acting behind the key (e.g. `console:li.na`), recorded in the audit with the key id',
  });
