// Compiles apps/, libs/ and tools/ to dist/ with SWC (decorator metadata on, path aliases rewritten).
// Typechecking is separate (`npm run typecheck`); SWC only transpiles, so a build takes seconds.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
rmSync(join(root, 'dist'), { recursive: true, force: true });
execFileSync(
  process.execPath,
  [
    join(root, 'node_modules/@swc/cli/bin/swc.js'),
    'apps',
    'libs',
    'tools',
    '-d',
    'dist',
    '--config-file',
    '.swcrc',
    '--ignore',
    '**/*.spec.ts,**/*.int-spec.ts,**/*.fault-spec.ts,**/*.browser-spec.ts,apps/ops-console/web/**',
    '--copy-files',
    '--quiet',
  ],
  { cwd: root, stdio: 'inherit' },
);
// The ops console's web app (React + Vite) into dist/apps/ops-console/web, which its BFF serves. Always
// React's production build: Jest's global set-up runs this script with NODE_ENV=test, which would make
// Vite bundle the development build (StrictMode running every effect twice, dev-only checks) and the
// browser tests measure a bundle nobody ships.
execFileSync(
  process.execPath,
  [
    join(root, 'node_modules/vite/bin/vite.js'),
    'build',
    '--config',
    'apps/ops-console/web/vite.config.mjs',
    '--logLevel',
    'warn',
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
);
