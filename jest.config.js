// Three projects: `unit` (pure logic, fakes allowed), `integration` (real Postgres, Kafka, Redis)
// and `faults` (the fault-injection suite of tools/faults against those real servers).
// NestJS 12 ships ESM only; Node 20's require(esm) is not available inside Jest's module system,
// so the @nestjs packages (and uuid) are compiled to CommonJS by SWC like our own sources.
const transform = { '^.+\\.(t|j)s$': ['@swc/jest'] };
// file-type (magic-byte sniffing of ticket attachments) and its ESM-only dependencies likewise.
const transformIgnorePatterns = [
  '/node_modules/(?!(@nestjs|uuid|file-type|strtok3|token-types|uint8array-extras|@tokenizer|@borewit)/)',
];
const moduleNameMapper = { '^@merchant-pulse/(.*)$': '<rootDir>/libs/$1/src/index.ts' };
const common = {
  rootDir: __dirname,
  transform,
  transformIgnorePatterns,
  moduleNameMapper,
  testEnvironment: 'node',
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'],
      // FC_SEED / FC_PATH replay a failing fast-check property (see the setup file).
      setupFiles: ['<rootDir>/tools/jest/fast-check.setup.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,tools}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
      // `testTimeout` is a global option (ignored in a project): the 60 s default is set here.
      setupFilesAfterEnv: ['<rootDir>/tools/jest/integration-timeout.setup.ts'],
    },
    {
      // Browser tests of the ops console (tools/browser): headless Debian chromium driven by playwright-core
      // against the five services and the BFF on the shared servers; they hold the integration lock.
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/tools/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/tools/jest/integration-timeout.setup.ts'],
    },
    {
      // Fault injection (tools/faults): stops and restarts the shared servers, so it runs only
      // through `npm run test:faults` / `npm test`, which hold the integration lock.
      ...common,
      displayName: 'faults',
      testMatch: ['<rootDir>/tools/faults/**/*.fault-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
    },
  ],
};
