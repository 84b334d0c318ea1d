import { ExecutionContext, ForbiddenException, HttpException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Public } from '@merchant-pulse/observability';
import { ApiKeyGuard } from './api-key.guard';
import { AuthenticatedRequest } from './api-key.principal';
import { ApiKeyStore, sha256Hex } from './api-key.store';
import { RequireScopes } from './require-scopes.decorator';

@RequireScopes('merchants:read')
class MerchantsController {
  list(): void {}

  @RequireScopes('merchants:write')
  create(): void {}

  @Public()
  status(): void {}
}

const store = new ApiKeyStore([
  { id: 'ops-dashboard', sha256: sha256Hex('reader'), scopes: ['merchants:read'] },
  { id: 'admin', sha256: sha256Hex('root'), scopes: ['*'] },
]);
const guard = new ApiKeyGuard(new Reflector(), store);

function contextFor(handler: keyof MerchantsController, authorization?: string) {
  const request = { headers: authorization === undefined ? {} : { authorization } } as AuthenticatedRequest;
  const headers: Record<string, string> = {};
  const response = { setHeader: (name: string, value: string) => (headers[name] = value) };
  const context = {
    getType: () => 'http',
    getClass: () => MerchantsController,
    getHandler: () => MerchantsController.prototype[handler],
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
  } as unknown as ExecutionContext;
  return { context, request, headers };
}

function rejection(run: () => unknown): HttpException {
  try {
    run();
  } catch (error) {
    if (error instanceof HttpException) return error;
    throw error;
  }
  throw new Error('expected the guard to reject');
}

describe(ApiKeyGuard.name, () => {
  it('should reject with 401 and a Bearer challenge when the Authorization header is missing', () => {
    const { context, headers } = contextFor('list');

    const error = rejection(() => guard.canActivate(context));

    expect(error).toBeInstanceOf(UnauthorizedException);
    expect(error.getResponse()).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    expect(headers['WWW-Authenticate']).toBe('Bearer');
  });

  it('should reject with 401 when the header is not a bearer token', () => {
    expect(rejection(() => guard.canActivate(contextFor('list', 'Basic cmVhZGVy').context)).getStatus()).toBe(
      401,
    );
  });

  it('should reject with 401 when the secret matches no key', () => {
    const { context, headers } = contextFor('list', 'Bearer wrong');

    const error = rejection(() => guard.canActivate(context));

    expect(error.getStatus()).toBe(401);
    expect(error.getResponse()).toMatchObject({ message: 'Unknown API key' });
    expect(headers['WWW-Authenticate']).toMatch(/^Bearer/);
  });

  it('should reject with 403 naming the missing scope when the key lacks a handler scope', () => {
    const error = rejection(() => guard.canActivate(contextFor('create', 'Bearer reader').context));

    expect(error).toBeInstanceOf(ForbiddenException);
    expect(error.getResponse()).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'API key "ops-dashboard" lacks scope merchants:write',
    });
  });

  it('should allow and attach the key when it holds the controller scope', () => {
    const { context, request } = contextFor('list', 'Bearer reader');

    expect(guard.canActivate(context)).toBe(true);
    expect(request.apiKey).toEqual({ id: 'ops-dashboard', scopes: ['merchants:read'] });
  });

  it('should allow every scope when the key holds "*"', () => {
    const { context, request } = contextFor('create', 'bearer root');

    expect(guard.canActivate(context)).toBe(true);
    expect(request.apiKey?.id).toBe('admin');
  });

  it('should allow without a key when the handler is public', () => {
    const { context, request } = contextFor('status');

    expect(guard.canActivate(context)).toBe(true);
    expect(request.apiKey).toBeUndefined();
  });
});
