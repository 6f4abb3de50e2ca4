/**
 * Renders a kustomization the way `kubectl kustomize` does, for the subset of kustomize our
 * manifests use, so `npm test` checks them on machines without kubectl. Anything else in a
 * kustomization.yaml is refused with a clear error rather than silently ignored, and
 * kustomize.test.ts compares the result with the real kustomize wherever kubectl exists.
 *
 * One deliberate difference: generated ConfigMaps and Secrets keep their plain names (kustomize
 * appends a content hash to them and to every reference), so checks can look them up by name.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import type { Manifest } from './manifest-types.js';

export interface RenderOptions {
  /** Read `<file>.example` when an env file is absent (the production secrets live outside git). */
  useExampleEnvFiles?: boolean;
}

interface Generator {
  name: string;
  behavior?: 'create' | 'merge' | 'replace';
  envs?: string[];
  files?: string[];
  literals?: string[];
  /** Only `disableNameSuffixHash` (this renderer never appends the hash anyway). */
  options?: { disableNameSuffixHash?: boolean };
}

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  resources?: string[];
  replicas?: { name: string; count: number }[];
  images?: { name: string; newName?: string; newTag?: string; digest?: string }[];
  configMapGenerator?: Generator[];
  secretGenerator?: Generator[];
}

const MODELLED = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'replicas', 'images']);
const GENERATORS = new Set(['configMapGenerator', 'secretGenerator']);
const GENERATOR_FIELDS = new Set(['name', 'behavior', 'envs', 'files', 'literals', 'options']);
/** Kubernetes reads YAML 1.1: 0555 is octal, unquoted on/off/yes/no are booleans. */
const YAML_1_1 = { version: '1.1' } as const;
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'PersistentVolume',
  'StorageClass',
  'ClusterRole',
  'ClusterRoleBinding',
]);

export function renderKustomization(dir: string, options: RenderOptions = {}): Manifest[] {
  const file = join(dir, 'kustomization.yaml');
  const kustomization = parse(readFileSync(file, 'utf8'), YAML_1_1) as Kustomization;
  const unknown = Object.keys(kustomization).filter((key) => !MODELLED.has(key) && !GENERATORS.has(key));
  if (unknown.length > 0)
    throw new Error(`${file} uses ${unknown.join(', ')}: teach deploy/test/kustomize-lite.ts to render it`);

  const rendered: Manifest[] = [];
  for (const entry of kustomization.resources ?? []) {
    const path = resolve(dir, entry);
    rendered.push(
      ...(statSync(path).isDirectory() ? renderKustomization(path, options) : readManifests(path)),
    );
  }
  for (const generator of kustomization.configMapGenerator ?? [])
    generate(rendered, 'ConfigMap', generator, dir, options);
  for (const generator of kustomization.secretGenerator ?? [])
    generate(rendered, 'Secret', generator, dir, options);
  for (const { name, count } of kustomization.replicas ?? []) {
    const target = rendered.find((m) => isScalable(m) && m.metadata.name === name);
    if (!target) throw new Error(`${file}: replicas names ${name}, which is not rendered`);
    (target.spec as { replicas?: number }).replicas = count;
  }
  for (const image of kustomization.images ?? []) retag(rendered, image, file);
  if (kustomization.namespace) {
    for (const manifest of rendered)
      if (!CLUSTER_SCOPED.has(manifest.kind)) manifest.metadata.namespace = kustomization.namespace;
  }
  return rendered;
}

export function readManifests(path: string): Manifest[] {
  return parseAllDocuments(readFileSync(path, 'utf8'), YAML_1_1)
    .map((document) => {
      if (document.errors.length > 0) throw new Error(`${path}: ${document.errors[0]?.message}`);
      return document.toJS() as Manifest | null;
    })
    .filter((manifest): manifest is Manifest => manifest !== null);
}

function generate(
  rendered: Manifest[],
  kind: 'ConfigMap' | 'Secret',
  generator: Generator,
  dir: string,
  options: RenderOptions,
) {
  const extra = Object.keys(generator).filter((key) => !GENERATOR_FIELDS.has(key));
  if (extra.length > 0) throw new Error(`${kind} generator ${generator.name} uses ${extra.join(', ')}`);
  const optionsUsed = Object.keys(generator.options ?? {}).filter((key) => key !== 'disableNameSuffixHash');
  if (optionsUsed.length > 0)
    throw new Error(`${kind} generator ${generator.name} uses options ${optionsUsed.join(', ')}`);
  const data: Record<string, string> = {};
  for (const env of generator.envs ?? []) Object.assign(data, readEnvFile(join(dir, env), options));
  for (const path of generator.files ?? []) data[basename(path)] = readFileSync(join(dir, path), 'utf8');
  for (const literal of generator.literals ?? []) Object.assign(data, parseEnvLines(literal, 'literal'));

  const existing = rendered.findIndex((m) => m.kind === kind && m.metadata.name === generator.name);
  const behavior = generator.behavior ?? 'create';
  if (behavior === 'create' && existing >= 0) throw new Error(`${kind} ${generator.name} is generated twice`);
  if (behavior !== 'create' && existing < 0)
    throw new Error(`${kind} ${generator.name} is merged into or replaced, but no base generates it`);
  const previous = behavior === 'merge' ? decode(rendered[existing]!) : {};
  const manifest = generated(kind, generator.name, { ...previous, ...data });
  if (existing >= 0) rendered.splice(existing, 1, manifest);
  else rendered.push(manifest);
}

function generated(kind: 'ConfigMap' | 'Secret', name: string, data: Record<string, string>): Manifest {
  const sorted = Object.fromEntries(Object.entries(data).sort(([a], [b]) => (a < b ? -1 : 1)));
  if (kind === 'ConfigMap') return { apiVersion: 'v1', kind, metadata: { name }, data: sorted };
  const encoded = Object.fromEntries(
    Object.entries(sorted).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
  );
  return { apiVersion: 'v1', kind, metadata: { name }, type: 'Opaque', data: encoded };
}

/** The plain values of a ConfigMap or (base64-decoded) Secret. */
export function decode(manifest: Manifest): Record<string, string> {
  const data = (manifest.data ?? {}) as Record<string, string>;
  if (manifest.kind !== 'Secret') return { ...data };
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => [key, Buffer.from(value, 'base64').toString()]),
  );
}

function readEnvFile(path: string, options: RenderOptions): Record<string, string> {
  const source = !existsSync(path) && options.useExampleEnvFiles ? `${path}.example` : path;
  return parseEnvLines(readFileSync(source, 'utf8'), source);
}

/** kustomize's env files: KEY=VALUE per line, taken literally (no quotes, no inline comments). */
function parseEnvLines(text: string, source: string): Record<string, string> {
  const data: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const equals = line.indexOf('=');
    const key = line.slice(0, equals);
    if (equals < 1 || !/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key))
      throw new Error(`${source}: bad line "${line}"`);
    data[key] = line.slice(equals + 1);
  }
  return data;
}

function isScalable(manifest: Manifest): boolean {
  return manifest.kind === 'Deployment' || manifest.kind === 'StatefulSet';
}

function retag(rendered: Manifest[], image: NonNullable<Kustomization['images']>[number], file: string) {
  let matched = false;
  for (const manifest of rendered.filter(isScalable)) {
    const pod = (manifest.spec as { template: { spec: { containers: Image[]; initContainers?: Image[] } } })
      .template.spec;
    for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
      const { name, tag } = splitImage(container.image);
      if (name !== image.name) continue;
      matched = true;
      const newName = image.newName ?? name;
      container.image = image.digest
        ? `${newName}@${image.digest}`
        : `${newName}${image.newTag ? `:${image.newTag}` : tag}`;
    }
  }
  if (!matched) throw new Error(`${file}: images names ${image.name}, which no container uses`);
}

interface Image {
  image: string;
}

function splitImage(image: string): { name: string; tag: string } {
  const at = image.indexOf('@');
  if (at >= 0) return { name: image.slice(0, at), tag: image.slice(at) };
  const colon = image.lastIndexOf(':');
  return colon > image.lastIndexOf('/')
    ? { name: image.slice(0, colon), tag: image.slice(colon) }
    : { name: image, tag: '' };
}
