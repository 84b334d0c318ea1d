import { BadRequestException } from '@nestjs/common';
import type { AuthenticatedRequest } from './api-key.principal';
import { requestActor } from './actor.decorator';

const request = (headers: Record<string, string | string[]>): AuthenticatedRequest =>
  ({ headers, apiKey: { id: 'ops-console-ops_admin', scopes: ['*'] } }) as unknown as AuthenticatedRequest;

describe(requestActor.name, () => {
  it('should return the X-Actor header when it is an identifier', () => {
    expect(requestActor(request({ 'x-actor': 'console:li.na' }))).toBe('console:li.na');
  });

  it('should return undefined without the header', () => {
    expect(requestActor(request({}))).toBeUndefined();
  });

  it.each([
    ['spaces (it could forge "a via b")', 'console:x via other-key'],
    ['a leading dash', '-admin'],
    ['more than 128 characters', `a${'b'.repeat(128)}`],
  ])('should answer 400 for a header with %s', (_case, header) => {
    expect(() => requestActor(request({ 'x-actor': header }))).toThrow(BadRequestException);
  });

  it('should answer 400 for a repeated header', () => {
    expect(() => requestActor(request({ 'x-actor': ['a', 'b'] }))).toThrow(BadRequestException);
  });
});
