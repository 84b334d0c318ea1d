import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** One Kubernetes object as parsed from YAML. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}

/** The fields of a kustomization.yaml this builder understands; anything else is refused. */
interface Kustomization {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  resources?: string[];
  images?: Array<{ name: string; newName?: string; newTag?: string; digest?: string }>;
  replicas?: Array<{ name: string; count: number }>;
  patches?: Array<{ path?: string; patch?: string; target: PatchTarget }>;
  configMapGenerator?: Array<{
    name: string;
    files?: string[];
    literals?: string[];
    options?: { disableNameSuffixHash?: boolean; labels?: Record<string, string> };
  }>;
  generatorOptions?: { disableNameSuffixHash?: boolean; labels?: Record<string, string> };
}

interface PatchTarget {
  kind: string;
  name: string;
}

interface JsonPatchOp {
  op: 'add' | 'replace' | 'remove' | 'test';
  path: string;
  value?: unknown;
}

const KNOWN_FIELDS = new Set([
  'apiVersion',
  'kind',
  'namespace',
  'resources',
  'images',
  'replicas',
  'patches',
  'configMapGenerator',
  'generatorOptions',
]);

/** Kinds that live outside a namespace: the namespace transformer leaves them alone. */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
]);

/**
 * A subset of `kustomize build` in TypeScript, for the offline manifest check of `npm test`: no
 * kustomize binary can be installed from the registries this project may use (Debian's kubectl is
 * 1.20, whose kustomize v2 lacks `patches` and `replicas`). Supports exactly the fields the project's
 * kustomizations use — resources (files and directories with a kustomization.yaml), namespace,
 * images, replicas, JSON6902 `patches` with a kind/name target, configMapGenerator without hash
 * suffixes — and refuses anything else, so a kustomization cannot silently mean something else here.
 * Where a real `kubectl kustomize` exists, the spec compares both outputs.
 */
export function kustomizeBuild(dir: string): K8sObject[] {
  const root = resolve(dir);
  const file = join(root, 'kustomization.yaml');
  if (!existsSync(file)) throw new Error(`${relative(process.cwd(), root)}: no kustomization.yaml`);
  const k = parseYamlDocs(readFileSync(file, 'utf8'), file)[0] as Kustomization;
  for (const key of Object.keys(k)) {
    if (!KNOWN_FIELDS.has(key)) throw new Error(`${file}: unsupported kustomization field "${key}"`);
  }
  let objects: K8sObject[] = [];
  for (const entry of k.resources ?? []) {
    const path = join(root, entry);
    assertInside(root, path, file, true);
    objects.push(
      ...(statSync(path).isDirectory()
        ? kustomizeBuild(path)
        : parseYamlDocs(readFileSync(path, 'utf8'), path)),
    );
  }
  for (const gen of k.configMapGenerator ?? []) {
    const hashless = gen.options?.disableNameSuffixHash ?? k.generatorOptions?.disableNameSuffixHash;
    if (!hashless) throw new Error(`${file}: configMapGenerator "${gen.name}" needs disableNameSuffixHash`);
    const data: Record<string, string> = {};
    for (const f of gen.files ?? []) {
      const [key, source] = f.includes('=') ? f.split('=', 2) : [f.split('/').pop()!, f];
      const path = join(root, source);
      assertInside(root, path, file, false);
      data[key] = readFileSync(path, 'utf8');
    }
    for (const literal of gen.literals ?? []) {
      const at = literal.indexOf('=');
      data[literal.slice(0, at)] = literal.slice(at + 1);
    }
    const labels = { ...k.generatorOptions?.labels, ...gen.options?.labels };
    objects.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: gen.name, ...(Object.keys(labels).length ? { labels } : {}) },
      data,
    });
  }
  for (const p of k.patches ?? []) {
    const ops = parseYamlDocs(p.path ? readFileSync(join(root, p.path), 'utf8') : p.patch!, file)[0];
    if (!Array.isArray(ops)) throw new Error(`${file}: only JSON6902 patches (a list of ops) are supported`);
    const targets = objects.filter((o) => o.kind === p.target.kind && o.metadata.name === p.target.name);
    if (targets.length !== 1) {
      throw new Error(
        `${file}: patch target ${p.target.kind}/${p.target.name} matched ${targets.length} objects`,
      );
    }
    objects = objects.map((o) => (o === targets[0] ? applyJsonPatch(o, ops as JsonPatchOp[], file) : o));
  }
  for (const r of k.replicas ?? []) {
    const matches = objects.filter((o) => o.metadata.name === r.name && hasReplicas(o.kind));
    if (matches.length === 0) throw new Error(`${file}: replicas for unknown workload "${r.name}"`);
    for (const o of matches) (o.spec as Record<string, unknown>).replicas = r.count;
  }
  if (k.images) objects.forEach((o) => setImages(o, k.images!));
  if (k.namespace) {
    for (const o of objects) if (!CLUSTER_SCOPED.has(o.kind)) o.metadata.namespace = k.namespace;
  }
  assertUnique(objects, file);
  return objects;
}

/** Parses a multi-document YAML file, failing on syntax errors and dropping empty documents. */
export function parseYamlDocs(text: string, source: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((doc) => {
      if (doc.errors.length) throw new Error(`${source}: ${doc.errors[0].message}`);
      return doc.toJS({ maxAliasCount: -1 }) as K8sObject;
    })
    .filter((o) => o != null);
}

function hasReplicas(kind: string): boolean {
  return kind === 'Deployment' || kind === 'StatefulSet';
}

/** Like kustomize's load restrictor: files must be under the root; other kustomizations may not. */
function assertInside(root: string, path: string, file: string, allowKustomization: boolean): void {
  if (!relative(root, path).startsWith('..')) return;
  if (allowKustomization && existsSync(join(path, 'kustomization.yaml'))) return;
  throw new Error(`${file}: "${path}" is outside the kustomization root`);
}

function assertUnique(objects: K8sObject[], file: string): void {
  const seen = new Set<string>();
  for (const o of objects) {
    const id = `${o.apiVersion.split('/')[0]}/${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
    if (seen.has(id)) throw new Error(`${file}: ${o.kind}/${o.metadata.name} is defined twice`);
    seen.add(id);
  }
}

/** The pod spec inside a workload, if any. */
function podSpecOf(o: K8sObject): Record<string, unknown> | undefined {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking untyped YAML
  const spec = o.spec as Record<string, any> | undefined;
  if (!spec) return undefined;
  if (o.kind === 'CronJob') return spec.jobTemplate?.spec?.template?.spec;
  return spec.template?.spec;
}

function setImages(o: K8sObject, images: NonNullable<Kustomization['images']>): void {
  const pod = podSpecOf(o);
  if (!pod) return;
  for (const key of ['containers', 'initContainers']) {
    for (const c of (pod[key] as Array<{ image: string }> | undefined) ?? []) {
      const [name, tag] = splitImage(c.image);
      const rule = images.find((i) => i.name === name);
      if (!rule) continue;
      const newName = rule.newName ?? name;
      c.image = rule.digest ? `${newName}@${rule.digest}` : `${newName}:${rule.newTag ?? tag ?? 'latest'}`;
    }
  }
}

function splitImage(image: string): [string, string | undefined] {
  const at = image.indexOf('@');
  if (at >= 0) return [image.slice(0, at), undefined];
  const colon = image.lastIndexOf(':');
  return colon > image.lastIndexOf('/')
    ? [image.slice(0, colon), image.slice(colon + 1)]
    : [image, undefined];
}

/** RFC 6902 add/replace/remove/test on a deep copy. */
export function applyJsonPatch<T>(doc: T, ops: JsonPatchOp[], source: string): T {
  const out = structuredClone(doc) as unknown;
  for (const op of ops) {
    const parts = op.path
      .split('/')
      .slice(1)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    const last = parts.pop()!;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON pointer walks untyped YAML
    let parent: any = out;
    for (const p of parts) {
      parent = Array.isArray(parent) ? parent[Number(p)] : parent?.[p];
      if (parent === undefined) throw new Error(`${source}: patch path ${op.path} does not exist`);
    }
    if (op.op === 'test') {
      if (JSON.stringify(parent[last]) !== JSON.stringify(op.value)) {
        throw new Error(`${source}: patch test failed at ${op.path}`);
      }
    } else if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      if (op.op === 'add') parent.splice(index, 0, op.value);
      else if (index >= parent.length) throw new Error(`${source}: patch path ${op.path} does not exist`);
      else if (op.op === 'replace') parent[index] = op.value;
      else parent.splice(index, 1);
    } else {
      if (op.op !== 'add' && !(last in parent))
        throw new Error(`${source}: patch path ${op.path} does not exist`);
      if (op.op === 'remove') delete parent[last];
      else parent[last] = op.value;
    }
  }
  return out as T;
}
