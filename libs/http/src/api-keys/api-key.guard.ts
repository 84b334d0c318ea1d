import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC_KEY } from '@merchant-pulse/observability';
import type { Response } from 'express';
import { AuthenticatedRequest, hasScope } from './api-key.principal';
import { ApiKeyStore } from './api-key.store';
import { REQUIRED_SCOPES_KEY } from './require-scopes.decorator';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Global guard (registered by `HttpPlatformModule`): every HTTP route needs
 * `Authorization: Bearer <secret>` of a configured key unless marked `@Public()`, and the key must
 * hold every scope of `@RequireScopes(...)`. 401 (with `WWW-Authenticate: Bearer`) for a missing or
 * unknown key, 403 for a known key lacking a scope. Sets `request.apiKey` for handlers and rate limiting.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyStore,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const secret = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (secret === undefined) {
      throw unauthorized(
        response,
        'Bearer',
        'Missing or malformed Authorization header: expected "Bearer <api key>"',
      );
    }
    const key = this.keys.authenticate(secret);
    if (key === undefined) throw unauthorized(response, 'Bearer error="invalid_token"', 'Unknown API key');
    request.apiKey = key;

    const required = this.reflector.getAllAndMerge<string[]>(REQUIRED_SCOPES_KEY, targets) ?? [];
    const missing = [...new Set(required)].filter((scope) => !hasScope(key, scope));
    if (missing.length > 0) {
      throw new ForbiddenException({
        statusCode: 403,
        error: 'Forbidden',
        message: `API key "${key.id}" lacks scope ${missing.join(', ')}`,
      });
    }
    return true;
  }
}

function unauthorized(response: Response, challenge: string, message: string): UnauthorizedException {
  response.setHeader('WWW-Authenticate', challenge);
  return new UnauthorizedException({ statusCode: 401, error: 'Unauthorized', message });
}
