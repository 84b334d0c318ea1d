// Validates Kubernetes objects (a JSON array on stdin) against schemas available offline and prints
// one JSON line: [{ id, errors: [..] }] for every object with errors. Run by manifests.spec.ts.
//   - Kubernetes kinds: kubernetes-models (npm), generated from the Kubernetes OpenAPI schemas;
//   - KEDA and prometheus-operator CRDs: @kubernetes-models/keda, @kubernetes-models/prometheus-operator;
//   - Strimzi v1, CloudNativePG and Barman Cloud CRDs: the minimal vendored schemas in ./schemas
//     (their $comment says where the field names come from), checked with the Ajv that
//     @kubernetes-models/validate ships.
// Plain ESM on purpose: kubernetes-models is ESM-only with import-only exports, which Jest's
// CommonJS runtime cannot load.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const modules = join(root, 'node_modules');
const requireFromValidate = createRequire(join(modules, '@kubernetes-models/validate/package.json'));
const Ajv = requireFromValidate('ajv').default;
const ajv = new Ajv({ allErrors: true, strict: false });
const vendored = new Map(
  readdirSync(join(here, 'schemas'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => [
      f.replace(/\.json$/, ''),
      ajv.compile(JSON.parse(readFileSync(join(here, 'schemas', f), 'utf8'))),
    ]),
);

const CRD_PACKAGES = {
  'keda.sh': '@kubernetes-models/keda',
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
};

async function modelValidator(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const file = CRD_PACKAGES[group]
    ? join(modules, CRD_PACKAGES[group], group, version, `${kind}.js`)
    : join(modules, 'kubernetes-models', group || '', version, `${kind}.js`);
  if (!group.includes('.') || CRD_PACKAGES[group] || group.endsWith('k8s.io')) {
    if (!existsSync(file)) return undefined;
    const mod = await import(pathToFileURL(file).href);
    const Model = mod[kind];
    return (o) => {
      try {
        new Model(o).validate();
        return [];
      } catch (e) {
        return [String(e.message ?? e)];
      }
    };
  }
  return undefined;
}

async function validatorFor(apiVersion, kind) {
  const key = `${apiVersion.replace('/', '_')}_${kind}`;
  if (vendored.has(key)) {
    const validate = vendored.get(key);
    return (o) => (validate(o) ? [] : validate.errors.map((e) => `${e.instancePath || '/'} ${e.message}`));
  }
  return modelValidator(apiVersion, kind);
}

const objects = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
for (const o of objects) {
  const id = `${o?.kind}/${o?.metadata?.name} (${o?.apiVersion})`;
  if (!o || typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') {
    results.push({ id, errors: ['apiVersion and kind are required'] });
    continue;
  }
  const validate = await validatorFor(o.apiVersion, o.kind);
  const errors = validate ? validate(o) : [`no schema for ${o.apiVersion} ${o.kind}`];
  if (errors.length) results.push({ id, errors });
}
process.stdout.write(JSON.stringify(results) + '\n');
