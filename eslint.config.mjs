// Lint is part of `npm test`: it makes the architecture executable (CONVENTIONS.md, example 12).
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'dist/**', '.infra/**', 'coverage/**', '.nx/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
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
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain'] },
            {
              sourceTag: 'type:infra',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:infra'],
            },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:infra', 'type:testing'],
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:infra', 'type:testing'],
            },
            {
              sourceTag: 'scope:merchant-registry',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:merchant-registry'],
            },
            {
              sourceTag: 'scope:transaction-ingestion',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:transaction-ingestion'],
            },
            {
              sourceTag: 'scope:churn-scoring',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:churn-scoring'],
            },
            {
              sourceTag: 'scope:reactivation-campaigns',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:reactivation-campaigns'],
            },
            {
              sourceTag: 'scope:after-sales-tickets',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:after-sales-tickets'],
            },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
    },
  },
  {
    files: ['tools/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', 'libs/testing/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  prettier,
);
