// Lint is part of `npm test`: it makes the architecture executable (CONVENTIONS.md, example 12).
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const ALL_LIBS = ['type:contracts', 'type:domain', 'type:infra', 'type:testing'];
const scopeConstraints = [
  'merchant-registry',
  'transaction-ingestion',
  'churn-scoring',
  'reactivation-campaigns',
  'after-sales-tickets',
  'ops-console',
].map((app) => ({ sourceTag: `scope:${app}`, onlyDependOnLibsWithTags: ['scope:shared', `scope:${app}`] }));

/** Production code: contracts depend on nothing, domain libs on contracts, infra on both, apps on libs. */
const productionConstraints = [
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain'] },
  { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:infra'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ALL_LIBS },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ALL_LIBS },
  ...scopeConstraints,
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['*'] },
];

/** Tests of any project may also use the testing lib (harness, factories, FakeClock). */
const testConstraints = productionConstraints.map((c) =>
  c.sourceTag.startsWith('type:') && !c.onlyDependOnLibsWithTags.includes('*')
    ? { ...c, onlyDependOnLibsWithTags: [...new Set([...c.onlyDependOnLibsWithTags, 'type:testing'])] }
    : c,
);

const boundaries = (depConstraints, allow = []) => [
  'error',
  { enforceBuildableLibDependency: false, allow, depConstraints },
];

/** Tools (benchmarks, simulator, demo, cross-service tests) may drive apps' modules directly. */
const APP_IMPORTS_FROM_TOOLS = ['../../apps/**', '../../../apps/**', '../../../../apps/**'];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'dist/**',
      '.infra/**',
      '.tools/**',
      'coverage/**',
      '.nx/**',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    // The ops console's web app (apps/ops-console/web) is .tsx/.ts under its own tsconfig (DOM, JSX), which
    // the project service finds as the nearest tsconfig.json.
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      '@nx/enforce-module-boundaries': boundaries(productionConstraints),
    },
  },
  {
    files: [
      '**/*.spec.ts',
      '**/*.int-spec.ts',
      '**/*.fault-spec.ts',
      '**/test/**/*.ts',
      'libs/testing/**/*.ts',
    ],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(testConstraints),
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['tools/**/*.ts'],
    rules: {
      'no-console': 'off',
      '@nx/enforce-module-boundaries': boundaries(testConstraints, APP_IMPORTS_FROM_TOOLS),
    },
  },
  prettier,
);
