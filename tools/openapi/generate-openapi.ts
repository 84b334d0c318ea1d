// Writes docs/openapi/<service>.json for every service under apps/ (npm run openapi), or with
// --check fails when a committed document differs from what the code generates (npm run openapi:check,
// part of `npm test`). Each document is produced by the BUILT service itself: its main.js, started
// with PULSE_OPENAPI_OUT, builds the app in Nest's preview mode (no controller or provider is
// instantiated, so no database, Kafka or Redis is needed), writes the Swagger document and exits.
// New apps and controllers are picked up without changes here.
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { findRepoRoot } from '../asyncapi/generate-asyncapi';

const run = promisify(execFile);

/** Folder of the generated documents, relative to the repository root. */
export const OPENAPI_DIR = 'docs/openapi';

/** Error statuses every API-key-guarded operation documents (`@ApiStandardErrors()` of libs/http). */
export const STANDARD_ERROR_STATUSES = ['400', '401', '403', '429'];
const API_KEY_SECURITY_SCHEME = 'api-key';

/** The services: folders of apps/ with a src/main.ts. */
export function listServices(root: string): string[] {
  return readdirSync(join(root, 'apps'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, 'apps', d.name, 'src', 'main.ts')))
    .map((d) => d.name)
    .sort();
}

/** Runs the built service in generator mode and returns its document as committed (2-space JSON). */
export async function generateOpenApi(root: string, service: string): Promise<string> {
  const main = join(root, 'dist', 'apps', service, 'src', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} does not exist: run npm run build first`);
  const dir = mkdtempSync(join(tmpdir(), 'pulse-openapi-'));
  const out = join(dir, `${service}.json`);
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string })
    .version;
  try {
    // A fixed, minimal environment: the document must not depend on who generates it.
    await run(process.execPath, [main], {
      cwd: root,
      timeout: 120_000,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'development',
        LOG_LEVEL: 'error',
        PULSE_OPENAPI_OUT: out,
        npm_package_version: version,
      },
    });
    if (!existsSync(out)) throw new Error(`${service}'s main.js exited without writing ${out}`);
    return `${JSON.stringify(JSON.parse(readFileSync(out, 'utf8')), null, 2)}\n`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Operation {
  security?: unknown[];
  responses?: Record<string, unknown>;
}

/** Guarded operations (API-key security) lacking one of the standard error responses: "GET /v1/x: 429". */
export function missingStandardErrors(document: string): string[] {
  const doc = JSON.parse(document) as {
    paths: Record<string, Record<string, Operation>>;
    security?: unknown[];
  };
  const missing: string[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const security = (op.security ?? doc.security ?? []) as Record<string, unknown>[];
      if (!security.some((requirement) => API_KEY_SECURITY_SCHEME in requirement)) continue; // not API-key guarded
      const absent = STANDARD_ERROR_STATUSES.filter((s) => !op.responses?.[s]);
      if (absent.length > 0) missing.push(`${method.toUpperCase()} ${path}: ${absent.join(', ')}`);
    }
  }
  return missing;
}

/** `generate-openapi [--check]`; returns the exit code. */
export async function runOpenApiCli(argv: string[], root: string = findRepoRoot()): Promise<number> {
  const check = argv.includes('--check');
  const services = listServices(root);
  const generated = await Promise.all(services.map((s) => generateOpenApi(root, s)));
  let status = 0;
  const expected = new Set(services.map((s) => `${s}.json`));
  services.forEach((service, i) => {
    const file = join(root, OPENAPI_DIR, `${service}.json`);
    const rel = `${OPENAPI_DIR}/${service}.json`;
    for (const line of missingStandardErrors(generated[i]))
      console.warn(`${rel}: guarded operation without @ApiStandardErrors(): ${line}`);
    if (check) {
      const committed = existsSync(file) ? readFileSync(file, 'utf8') : '';
      if (committed !== generated[i]) {
        console.error(`${rel} is stale: run npm run openapi`);
        status = 1;
      } else console.log(`${rel} is up to date`);
      return;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, generated[i]);
    console.log(`wrote ${rel}`);
  });
  const dir = join(root, OPENAPI_DIR);
  const strays = existsSync(dir)
    ? readdirSync(dir).filter((f) => f.endsWith('.json') && !expected.has(f))
    : [];
  for (const stray of strays) {
    if (check) {
      console.error(`${OPENAPI_DIR}/${stray} belongs to no service under apps/: run npm run openapi`);
      status = 1;
    } else {
      rmSync(join(dir, stray));
      console.log(`removed ${OPENAPI_DIR}/${stray} (no such service)`);
    }
  }
  return status;
}

if (require.main === module)
  runOpenApiCli(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
