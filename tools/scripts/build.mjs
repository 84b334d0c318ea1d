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
    '**/*.spec.ts,**/*.int-spec.ts,**/*.fault-spec.ts',
    '--copy-files',
    '--quiet',
  ],
  { cwd: root, stdio: 'inherit' },
);
