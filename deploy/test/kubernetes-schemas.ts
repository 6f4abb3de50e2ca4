/**
 * Kubernetes objects judged against the API's own schemas, with kubernetes-models: the model class
 * of the object's apiVersion and kind validates types, formats, enums and required fields
 * (`.validate()`), and, because those schemas do not refuse unknown fields by themselves (below),
 * every field is also checked to be one the schema knows, as `kubectl apply` (whose default is
 * `--validate=strict`) refuses an unknown one.
 *
 * kubernetes-models is pinned to 4.x (^4.5.1, a root devDependency): 4.x is the last line that
 * runs on Node 20, the oldest Node this repository supports (package.json engines); 5.x needs
 * Node 22. Its schemas are recent (they know `preStop.sleep`, Kubernetes 1.29+).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Manifest } from './manifest-types.js';

/** What kubernetes-models' validators report (ajv's ErrorObject, the fields read here). */
interface SchemaError {
  instancePath: string;
  message?: string;
}

type ModelClass = new (data: object) => { validate(): void };

const require = createRequire(import.meta.url);
/** `kubernetes-models/<group>/<version>` for each API group version the library models. */
const modelledVersions = new Set(
  Object.keys(
    (
      JSON.parse(readFileSync(require.resolve('kubernetes-models/package.json'), 'utf8')) as {
        exports: Record<string, unknown>;
      }
    ).exports,
  )
    .map((key) => key.replace(/^\.\//, ''))
    .filter((key) => /^([a-z0-9.-]+\/)?v\d+((alpha|beta)\d+)?$/.test(key)),
);

/** The model class of an apiVersion and kind, or undefined when kubernetes-models has none. */
export async function modelOf(apiVersion: string, kind: string): Promise<ModelClass | undefined> {
  if (!modelledVersions.has(apiVersion)) return undefined;
  const module = (await import(`kubernetes-models/${apiVersion}`)) as Record<string, unknown>;
  const model = module[kind];
  return typeof model === 'function' ? (model as ModelClass) : undefined;
}

/** Everything the schema of `Model` finds wrong with `data`, each as "<JSON pointer> <problem>". */
export function schemaProblems(Model: ModelClass, data: object): string[] {
  return [
    ...errorsOf(Model, data).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`),
    ...unknownFields(Model, data).map((path) => `${path} is not a field of ${modelName(Model)}`),
  ];
}

/**
 * An object of a kind kubernetes-models does not model (a CRD's): its metadata, as strictly.
 * ObjectMeta's schema is reached through a core kind whose other fields are all optional (the
 * model of ObjectMeta itself lives in @kubernetes-models/apimachinery, which is not a dependency
 * of ours but of kubernetes-models).
 */
export async function metadataProblems(manifest: Manifest): Promise<string[]> {
  const ConfigMap = (await modelOf('v1', 'ConfigMap'))!;
  const carrier = { apiVersion: 'v1', kind: 'ConfigMap', metadata: manifest.metadata };
  return schemaProblems(ConfigMap, carrier).map((problem) => problem.replace('v1/ConfigMap', 'ObjectMeta'));
}

function errorsOf(Model: ModelClass, data: object): SchemaError[] {
  try {
    new Model(data).validate();
    return [];
  } catch (error) {
    const errors = (error as { errors?: SchemaError[] }).errors;
    if (!Array.isArray(errors)) throw error;
    return errors;
  }
}

/**
 * Fields the schema does not know. kubernetes-models' validators are compiled ahead of time from
 * the Kubernetes OpenAPI schemas, which never say `additionalProperties: false` (the API server
 * drops unknown fields unless asked to be strict), and the library has no strict option: an
 * unknown field passes `.validate()`. So each field is probed: its value is swapped for a Symbol,
 * which no schema accepts (it is no string, number, boolean, object, array or null). A field the
 * schema knows then fails validation at its own path; one it does not know passes unnoticed, and
 * is reported. Known objects and arrays are probed inside, field by field. The keys of maps
 * (labels, ConfigMap data, resources) count as known, since a map's schema checks every key.
 * A field with a free-form schema (none in our kinds) would be reported as unknown.
 */
function unknownFields(Model: ModelClass, data: object): string[] {
  const root = structuredClone(data) as Record<string, unknown>;
  const unknown: string[] = [];
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, `${path}/${index}`));
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const fields = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(fields)) {
      const pointer = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      fields[key] = Symbol(pointer);
      const known = errorsOf(Model, root).some((e) => e.instancePath === pointer);
      fields[key] = value;
      if (known) visit(value, pointer);
      else unknown.push(pointer);
    }
  };
  visit(root, '');
  return unknown;
}

function modelName(Model: ModelClass): string {
  const { apiVersion, kind } = Model as unknown as { apiVersion?: string; kind?: string };
  return kind ? `${apiVersion}/${kind}` : Model.name;
}
