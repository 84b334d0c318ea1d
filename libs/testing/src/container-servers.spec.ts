import { CONTAINER_IMAGES, TEST_SERVERS_ENV, testServersMode } from './container-servers';

describe(testServersMode.name, () => {
  const saved = process.env[TEST_SERVERS_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[TEST_SERVERS_ENV];
    else process.env[TEST_SERVERS_ENV] = saved;
  });

  it('should default to the local servers', () => {
    delete process.env[TEST_SERVERS_ENV];
    expect(testServersMode()).toBe('local');
  });

  it('should select testcontainers when asked and refuse anything else', () => {
    process.env[TEST_SERVERS_ENV] = 'testcontainers';
    expect(testServersMode()).toBe('testcontainers');
    process.env[TEST_SERVERS_ENV] = 'docker';
    expect(() => testServersMode()).toThrow(/must be local or testcontainers/);
  });

  it('should pin every container image to an exact tag', () => {
    for (const image of Object.values(CONTAINER_IMAGES)) expect(image).toMatch(/:\d+(\.\d+)+(-[a-z]+)?$/);
  });
});
