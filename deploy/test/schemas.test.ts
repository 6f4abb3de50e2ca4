/**
 * Every object both overlays render, against the Kubernetes API's schemas (kubernetes-models, see
 * kubernetes-schemas.ts for how unknown fields are caught and why the library is pinned to 4.x):
 * field names, types, formats, enums and required fields, as `kubectl apply` would refuse them.
 * Kinds kubernetes-models does not model, the operators' custom resources, are named below and
 * checked for their apiVersion, kind and metadata only (their CRDs are not in this repository).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Manifest, Workload } from './manifest-types.js';
import { metadataProblems, modelOf, schemaProblems } from './kubernetes-schemas.js';
import { OVERLAYS, Rendered, withoutKubectl } from './rendered.js';

/** Custom resources the overlays render, which kubernetes-models has no schema for. */
const NOT_MODELLED = new Map([
  ['postgresql.cnpg.io/v1 Cluster', 'CloudNativePG, databases.yaml (production)'],
  ['jetstream.nats.io/v1beta2 Stream', 'NACK, nats.yaml (production)'],
]);

for (const overlay of OVERLAYS) {
  describe(
    `${overlay}: every rendered object against the Kubernetes schemas`,
    { skip: withoutKubectl },
    () => {
      const rendered = new Rendered(overlay);

      test('objects of Kubernetes kinds are valid, with no field their schema does not know', async () => {
        const problems: string[] = [];
        const kinds = new Set<string>();
        for (const manifest of rendered.manifests) {
          const Model = await modelOf(manifest.apiVersion, manifest.kind);
          if (!Model) continue;
          kinds.add(manifest.kind);
          problems.push(...schemaProblems(Model, asApplied(manifest)).map((p) => `${id(manifest)}: ${p}`));
        }
        assert.deepEqual(problems, []);
        for (const kind of ['Deployment', 'Service', 'ConfigMap', 'Secret', 'NetworkPolicy', 'Ingress'])
          assert.ok(kinds.has(kind), `${kind} objects were validated`);
      });

      test('custom resources: only the kinds named here, with a group, a kind and valid metadata', async () => {
        for (const manifest of rendered.manifests) {
          if (await modelOf(manifest.apiVersion, manifest.kind)) continue;
          const kind = `${manifest.apiVersion} ${manifest.kind}`;
          assert.ok(
            NOT_MODELLED.has(kind),
            `${id(manifest)}: kubernetes-models has no schema for ${kind}; name it in NOT_MODELLED (with what installs its CRD), or fix its apiVersion/kind`,
          );
          assert.match(
            manifest.apiVersion,
            /^[a-z0-9-]+(\.[a-z0-9-]+)+\/v\d+((alpha|beta)\d+)?$/,
            id(manifest),
          );
          assert.match(manifest.kind, /^[A-Z][A-Za-z0-9]*$/, id(manifest));
          assert.deepEqual(await metadataProblems(manifest), [], id(manifest));
          const extra = Object.keys(manifest).filter(
            (k) => !['apiVersion', 'kind', 'metadata', 'spec'].includes(k),
          );
          assert.deepEqual(extra, [], `${id(manifest)}: only apiVersion, kind, metadata and spec`);
        }
        for (const kind of NOT_MODELLED.keys()) {
          const [apiVersion = '', name = ''] = kind.split(' ');
          assert.equal(
            await modelOf(apiVersion, name),
            undefined,
            `${kind} is modelled now: validate it fully`,
          );
        }
      });
    },
  );
}

describe('the schema check catches what the API would refuse', { skip: withoutKubectl }, () => {
  const dev = new Rendered('dev');
  const users = () => structuredClone(dev.find<Workload>('Deployment', 'users')!) as Workload;
  const deploymentProblems = async (deployment: object) =>
    schemaProblems((await modelOf('apps/v1', 'Deployment'))!, deployment);

  test('the unchanged users Deployment passes (the cases below change one thing each)', async () => {
    assert.deepEqual(await deploymentProblems(users()), []);
  });

  test('misspelled and unknown fields', async () => {
    const replica = users();
    (replica.spec as { replica?: number }).replica = 2;
    assert.deepEqual(await deploymentProblems(replica), [
      '/spec/replica is not a field of apps/v1/Deployment',
    ]);
    // kubernetes-models alone lets it through: why kubernetes-schemas.ts probes every field.
    const { Deployment } = await import('kubernetes-models/apps/v1');
    assert.doesNotThrow(() => new Deployment(replica as never).validate());

    const containres = users();
    const pod = containres.spec.template.spec as unknown as Record<string, unknown>;
    pod.containres = pod.containers;
    delete pod.containers;
    assert.deepEqual(await deploymentProblems(containres), [
      '/spec/template/spec must have required property containers',
      '/spec/template/spec/containres is not a field of apps/v1/Deployment',
    ]);

    const deep = users();
    const container = deep.spec.template.spec.containers[0] as unknown as Record<string, unknown>;
    container.readinesProbe = container.readinessProbe;
    delete container.readinessProbe;
    assert.deepEqual(await deploymentProblems(deep), [
      '/spec/template/spec/containers/0/readinesProbe is not a field of apps/v1/Deployment',
    ]);

    assert.deepEqual(await deploymentProblems({ ...users(), sepc: {} }), [
      '/sepc is not a field of apps/v1/Deployment',
    ]);
  });

  test('wrong types and values', async () => {
    const replicas = users();
    (replicas.spec as { replicas: unknown }).replicas = 'two';
    assert.deepEqual(await deploymentProblems(replicas), ['/spec/replicas must be integer']);

    const port = users();
    (port.spec.template.spec.containers[0]!.ports![0] as { containerPort: unknown }).containerPort = '3001';
    assert.deepEqual(await deploymentProblems(port), [
      '/spec/template/spec/containers/0/ports/0/containerPort must be integer',
    ]);

    const strategy = users();
    strategy.spec.strategy!.type = 'Rolling' as never;
    assert.deepEqual(await deploymentProblems(strategy), [
      '/spec/strategy/type must be equal to one of the allowed values',
    ]);
  });

  test("a custom resource's metadata is checked as strictly", async () => {
    const cluster = structuredClone(new Rendered('production').find('Cluster', 'users-db')!);
    const metadata = cluster.metadata as Manifest['metadata'] & Record<string, unknown>;
    metadata.lables = { team: 'shop' };
    metadata.annotations = { replicas: 3 as never };
    assert.deepEqual(await metadataProblems(cluster), [
      '/metadata/annotations/replicas must be string',
      '/metadata/lables is not a field of ObjectMeta',
    ]);
  });
});

/**
 * The object as the API server decodes it: kustomize wraps long base64 Secret values over lines,
 * which Go's base64 decoder skips (the schema's "byte" format does not).
 */
function asApplied(manifest: Manifest): Manifest {
  if (manifest.kind !== 'Secret' || !manifest.data) return manifest;
  const data = Object.entries(manifest.data as Record<string, string>).map(([k, v]) => [
    k,
    v.replace(/[\r\n]/g, ''),
  ]);
  return { ...manifest, data: Object.fromEntries(data) };
}

function id(manifest: Manifest): string {
  return `${manifest.kind}/${manifest.metadata.name}`;
}
