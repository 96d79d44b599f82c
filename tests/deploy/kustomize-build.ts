import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

/** A Kubernetes object as read from YAML; the schemas say what more it must have. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name?: string; generateName?: string; namespace?: string; [key: string]: unknown };
  [key: string]: unknown;
}

interface Kustomization {
  resources?: string[];
  namespace?: string;
  configMapGenerator?: {
    name: string;
    behavior?: 'create' | 'merge';
    literals?: string[];
    envs?: string[];
  }[];
  patches?: { path: string }[];
  images?: { name: string; newName?: string; newTag?: string }[];
}

/** The kustomization fields this builder implements; anything else would be silently ignored. */
const SUPPORTED = new Set([
  'apiVersion',
  'kind',
  'resources',
  'namespace',
  'configMapGenerator',
  'patches',
  'images',
]);

/**
 * `kubectl kustomize` for the subset deploy/k8s uses (resources, ConfigMap generators from env
 * files and literals, strategic-merge patches by kind and name, image overrides, namespace), so CI
 * can check what an overlay really renders without kubectl. Generated names keep no hash suffix.
 */
export function kustomizeBuild(dir: string): Manifest[] {
  const kustomization = readKustomization(dir);
  const objects: Manifest[] = [];
  for (const resource of kustomization.resources ?? []) {
    const path = join(dir, resource);
    objects.push(...(statSync(path).isDirectory() ? kustomizeBuild(path) : readManifests(path)));
  }
  for (const generator of kustomization.configMapGenerator ?? []) {
    const data = Object.fromEntries([
      ...(generator.envs ?? []).flatMap((file) => envFileEntries(join(dir, file))),
      ...(generator.literals ?? []).map(splitAssignment),
    ]);
    if (generator.behavior === 'merge') {
      const target = find(objects, 'ConfigMap', generator.name);
      target.data = { ...(target.data as Record<string, string>), ...data };
    } else {
      objects.push({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: generator.name },
        data,
      });
    }
  }
  for (const patch of kustomization.patches ?? []) {
    for (const doc of readManifests(join(dir, patch.path))) {
      const target = find(objects, doc.kind, doc.metadata.name);
      Object.assign(target, strategicMerge(target, doc));
    }
  }
  for (const image of kustomization.images ?? []) overrideImage(objects, image);
  if (kustomization.namespace) {
    for (const object of objects) object.metadata.namespace = kustomization.namespace;
  }
  return objects;
}

export function readKustomization(dir: string): Kustomization {
  const raw = parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) as Record<
    string,
    unknown
  >;
  const unsupported = Object.keys(raw).filter((key) => !SUPPORTED.has(key));
  if (unsupported.length > 0) {
    throw new Error(`${dir}/kustomization.yaml: unsupported fields ${unsupported.join(', ')}`);
  }
  return raw;
}

export function readManifests(path: string): Manifest[] {
  return parseAllDocuments(readFileSync(path, 'utf8')).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors[0]!.message}`);
    return doc.toJS() as Manifest;
  });
}

/** Pod templates of the workloads, where containers and images live. */
export function podSpecOf(object: Manifest): Record<string, unknown> | undefined {
  const spec = object.spec as { template?: { spec?: Record<string, unknown> } } | undefined;
  return ['Deployment', 'StatefulSet', 'Job'].includes(object.kind)
    ? spec?.template?.spec
    : undefined;
}

function find(objects: Manifest[], kind: string, name: string | undefined): Manifest {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} to patch or merge into`);
  return found;
}

function envFileEntries(path: string): [string, string][] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map(splitAssignment);
}

function splitAssignment(line: string): [string, string] {
  const at = line.indexOf('=');
  if (at < 1) throw new Error(`not KEY=value: ${line}`);
  return [line.slice(0, at), line.slice(at + 1)];
}

/** Maps merge key by key; lists of named items merge by name; any other list is replaced. */
export function strategicMerge(target: unknown, patch: unknown): unknown {
  if (Array.isArray(target) && Array.isArray(patch) && patch.every(isNamed)) {
    const merged: unknown[] = [...(target as unknown[])];
    for (const item of patch) {
      const at = merged.findIndex((old) => isNamed(old) && old.name === item.name);
      if (at >= 0) merged[at] = strategicMerge(merged[at], item);
      else merged.push(item);
    }
    return merged;
  }
  if (isObject(target) && isObject(patch)) {
    const merged: Record<string, unknown> = { ...target };
    for (const [key, value] of Object.entries(patch))
      merged[key] = strategicMerge(target[key], value);
    return merged;
  }
  return patch;
}

function overrideImage(
  objects: Manifest[],
  image: { name: string; newName?: string; newTag?: string },
): void {
  for (const object of objects) {
    const containers = (podSpecOf(object)?.containers ?? []) as { image: string }[];
    for (const container of containers) {
      const [name, tag] = splitImage(container.image);
      if (name !== image.name) continue;
      const newTag = image.newTag ?? tag;
      container.image = `${image.newName ?? name}${newTag ? `:${newTag}` : ''}`;
    }
  }
}

function splitImage(image: string): [string, string | undefined] {
  const colon = image.lastIndexOf(':');
  return colon > image.lastIndexOf('/')
    ? [image.slice(0, colon), image.slice(colon + 1)]
    : [image, undefined];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNamed(value: unknown): value is { name: string } {
  return isObject(value) && typeof value.name === 'string';
}

export const K8S_DIR = join(dirname(dirname(__dirname)), 'deploy', 'k8s');
