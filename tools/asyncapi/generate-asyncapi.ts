// Writes docs/asyncapi/asyncapi.json from libs/contracts and the apps' consumer groups (npm run asyncapi),
// or with --check fails when the committed file differs from what they generate (npm run asyncapi:check).
// Either way the document is then validated with the AsyncAPI parser (@asyncapi/parser: schema and
// the parser's own rules); an error or a warning fails the command.
import { Parser } from '@asyncapi/parser';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildAsyncApiDocument, renderAsyncApi } from './asyncapi-document';
import { readConsumerGroups } from './consumer-groups';
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
  return renderAsyncApi(buildAsyncApiDocument(buildContractSchemas(docs), readConsumerGroups(root)));
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

/** Spectral severities the parser reports: 0 error, 1 warning, 2 information, 3 hint. */
const FAILING_SEVERITIES = new Set([0, 1]);

/**
 * Problems the AsyncAPI parser finds in `text` (errors and warnings; information and hints, such as
 * "a newer AsyncAPI version exists", are not problems), as `path: message (code)` lines.
 */
export async function validateAsyncApi(text: string): Promise<string[]> {
  const { diagnostics } = await new Parser().parse(text);
  return diagnostics
    .filter((d) => FAILING_SEVERITIES.has(d.severity))
    .map((d) => `${d.path.join('.') || '(document)'}: ${d.message} (${String(d.code)})`);
}

async function main(argv: string[]): Promise<number> {
  const code = runAsyncApiCli(argv);
  if (code !== 0) return code;
  const problems = await validateAsyncApi(generateAsyncApi());
  for (const problem of problems) console.error(`${ASYNCAPI_PATH}: ${problem}`);
  if (problems.length > 0) return 1;
  console.log(`${ASYNCAPI_PATH} is a valid AsyncAPI document (@asyncapi/parser)`);
  return 0;
}

if (require.main === module)
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
