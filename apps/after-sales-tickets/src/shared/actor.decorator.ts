import { BadRequestException, ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { AuthenticatedRequest } from '@merchant-pulse/http';

const ACTOR = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;

/**
 * Who is acting, for the audit trail: the `X-Actor` header (the agent behind a shared key, e.g. the ops
 * console's session user) or else the API key's id. A malformed header is 400.
 */
export const Actor = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  const header = request.headers['x-actor'];
  if (header === undefined) return request.apiKey?.id ?? 'anonymous';
  if (typeof header !== 'string' || !ACTOR.test(header))
    throw new BadRequestException({
      message: 'Validation failed',
      errors: [{ field: 'X-Actor', messages: ['X-Actor must be an identifier of up to 128 characters'] }],
    });
  return header;
});
