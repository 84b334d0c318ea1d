import { upstreamPath } from './proxy-request';

describe(upstreamPath.name, () => {
  it('should keep the path and query unchanged, still encoded', () => {
    expect(upstreamPath('/api/svc/registry/v1/merchants?limit=50&city=%E6%9D%AD', 'registry')).toBe(
      '/v1/merchants?limit=50&city=%E6%9D%AD',
    );
    expect(upstreamPath('/api/svc/tickets/v1/tickets/T-1/replies', 'tickets')).toBe(
      '/v1/tickets/T-1/replies',
    );
  });

  it.each([
    ['another service prefix', '/api/svc/churn/v1/risks', 'registry'],
    ['a parent segment', '/api/svc/registry/v1/../../admin', 'registry'],
    ['an encoded parent segment', '/api/svc/registry/v1/%2e%2e/metrics', 'registry'],
    ['an encoded slash', '/api/svc/registry/v1/a%2F..%2Fb', 'registry'],
  ])('should refuse %s', (_case, url, service) => {
    expect(upstreamPath(url, service)).toBeUndefined();
  });
});
