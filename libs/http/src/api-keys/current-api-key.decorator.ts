import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { ApiKeyPrincipal, AuthenticatedRequest } from './api-key.principal';

/**
 * The authenticated caller's {@link ApiKeyPrincipal} as a handler parameter
 * (`@CurrentApiKey() key: ApiKeyPrincipal`); undefined on `@Public()` routes.
 */
export const CurrentApiKey = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ApiKeyPrincipal | undefined =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().apiKey,
);
