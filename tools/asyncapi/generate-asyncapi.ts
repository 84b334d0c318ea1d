// Writes docs/asyncapi/asyncapi.json from libs/contracts (npm run asyncapi), or with --check fails
// when the committed file differs from what the contracts generate (npm run asyncapi:check).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildAsyncApiDocument, renderAsyncApi } from './asyncapi-document';
import { buildContractSchemas } from './contract-schemas';
import { readDocComments } from './doc-comments';

/** Path of the generated document, relative to the repository root. */
export const ASYNCAPI_PATH = 'docs/asyncapi/asyncapi.json';

/** The repository root: the nearest ancestor holding nx.json (works from tools/ and dist/tools/). */
export function findRepoRoot(start: string = __dirname): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No nx.json above ${start}`);
  }
}

/** The document text the current contracts generate (deterministic: no timestamps). */
export function generateAsyncApi(root: string = findRepoRoot()): string {
  const docs = readDocComments(join(root, 'libs/contracts/src'));
  return renderAsyncApi(buildAsyncApiDocument(buildContractSchemas(docs)));
}

/**
 * `generate-asyncapi [--check]`: writes the document to `target`, or with `--check` compares it and
 * returns 1 (with the message the lead's scripts grep for) when the committed file is stale.
 */
export function runAsyncApiCli(
  argv: string[],
  root: string = findRepoRoot(),
  target: string = join(root, ASYNCAPI_PATH),
): number {
  const generated = generateAsyncApi(root);
  if (argv.includes('--check')) {
    const committed = existsSync(target) ? readFileSync(target, 'utf8') : '';
    if (committed !== generated) {
      console.error(`${ASYNCAPI_PATH} is stale: run npm run asyncapi`);
      return 1;
    }
    console.log(`${ASYNCAPI_PATH} is up to date`);
    return 0;
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, generated);
  console.log(`wrote ${ASYNCAPI_PATH}`);
  return 0;
}

if (require.main === module) process.exitCode = runAsyncApiCli(process.argv.slice(2));
