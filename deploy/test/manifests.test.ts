/**
 * The Kubernetes manifests, rendered per overlay, against the rules every pod and service
 * must meet (deploy/README.md lists them). Static: nothing is applied to a cluster.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Manifest, Service } from './manifest-types.js';
import { OVERLAYS, ROOT, Rendered, mainContainer, matches, withoutKubectl } from './rendered.js';

const PRE_STOP_SECONDS_MIN = 3;

for (const overlay of OVERLAYS) {
  describe(`${overlay} overlay`, { skip: withoutKubectl }, () => {
    const rendered = new Rendered(overlay);
    const namespace = rendered.all('Namespace')[0]?.metadata.name;

    test('everything lives in one namespace that enforces the restricted pod security standard', () => {
      assert.equal(rendered.all('Namespace').length, 1);
      assert.equal(
        rendered.all('Namespace')[0]?.metadata.labels?.['pod-security.kubernetes.io/enforce'],
        'restricted',
      );
      const elsewhere = rendered.manifests.filter(
        (m) => m.kind !== 'Namespace' && m.metadata.namespace !== namespace,
      );
      assert.deepEqual(elsewhere.map(id), []);
      const names = rendered.manifests.map(id);
      assert.deepEqual(
        names.filter((name, i) => names.indexOf(name) !== i),
        [],
        'no object is defined twice',
      );
    });

    test('every pod runs unprivileged, with pinned images and bounded resources', () => {
      for (const workload of rendered.workloads()) {
        const pod = workload.spec.template.spec;
        const where = id(workload);
        assert.equal(pod.securityContext?.runAsNonRoot, true, `${where}: runAsNonRoot`);
        assert.equal(pod.securityContext?.seccompProfile?.type, 'RuntimeDefault', `${where}: seccomp`);
        assert.equal(pod.automountServiceAccountToken, false, `${where}: no API token mounted`);
        for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
          const at = `${where} ${container.name}`;
          assert.match(
            container.image,
            /^(?:[^/]+\/)*[^/:@]+(?::\w[\w.-]{0,127}|@sha256:[0-9a-f]{64})$/,
            `${at}: tag or digest`,
          );
          assert.doesNotMatch(container.image, /:latest$/, `${at}: no latest tag`);
          const security = container.securityContext ?? {};
          assert.equal(security.allowPrivilegeEscalation, false, `${at}: allowPrivilegeEscalation`);
          assert.equal(security.readOnlyRootFilesystem, true, `${at}: readOnlyRootFilesystem`);
          assert.notEqual(security.privileged, true, `${at}: not privileged`);
          assert.deepEqual(security.capabilities?.drop, ['ALL'], `${at}: drops every capability`);
          assert.deepEqual(security.capabilities?.add ?? [], [], `${at}: adds none`);
          for (const resource of ['cpu', 'memory']) {
            const request = container.resources?.requests?.[resource];
            const limit = container.resources?.limits?.[resource];
            assert.ok(request && limit, `${at}: ${resource} request and limit`);
            assert.ok(
              quantity(resource, request) <= quantity(resource, limit),
              `${at}: ${resource} request within its limit`,
            );
          }
        }
      }
    });

    test('services are probed, drained on shutdown and rolled without losing capacity', () => {
      const services = rendered.services();
      assert.ok(services.length >= 4, 'users, products, orders and gateway at least');
      for (const deployment of services) {
        const name = deployment.metadata.name;
        const pod = deployment.spec.template.spec;
        const main = mainContainer(deployment);
        assert.equal(main.startupProbe?.httpGet?.path, '/healthz', `${name}: startup probe`);
        assert.equal(main.livenessProbe?.httpGet?.path, '/healthz', `${name}: liveness probe`);
        assert.equal(main.readinessProbe?.httpGet?.path, '/readyz', `${name}: readiness probe`);
        for (const probe of [main.startupProbe, main.livenessProbe, main.readinessProbe])
          assert.equal(probe?.httpGet?.port, 'http', `${name}: probes use the http port`);

        const preStop = main.lifecycle?.preStop?.sleep?.seconds ?? 0;
        assert.ok(preStop >= PRE_STOP_SECONDS_MIN, `${name}: preStop sleep lets endpoints drain`);
        const shutdown = Number(rendered.envOf(main).get('SHUTDOWN_TIMEOUT_MS')?.value) / 1000;
        assert.ok(shutdown > 0, `${name}: SHUTDOWN_TIMEOUT_MS is set explicitly`);
        assert.ok(
          (pod.terminationGracePeriodSeconds ?? 30) > preStop + shutdown,
          `${name}: terminationGracePeriodSeconds (${pod.terminationGracePeriodSeconds}) above preStop ${preStop} s + SHUTDOWN_TIMEOUT_MS ${shutdown} s`,
        );
        const tmp = pod.volumes?.find((v) => v.name === 'tmp');
        assert.ok(tmp?.emptyDir, `${name}: an emptyDir for /tmp`);
        assert.ok(
          main.volumeMounts?.some((m) => m.name === 'tmp' && m.mountPath === '/tmp'),
          `${name}: /tmp mounted`,
        );

        if (name === 'payments-sandbox') {
          // In-memory state: one replica, replaced rather than rolled (see its manifest).
          assert.equal(deployment.spec.strategy?.type, 'Recreate');
          assert.equal(deployment.spec.replicas, 1);
          continue;
        }
        assert.equal(deployment.spec.strategy?.type, 'RollingUpdate', `${name}: rolling update`);
        assert.equal(deployment.spec.strategy?.rollingUpdate?.maxUnavailable, 0, `${name}: maxUnavailable 0`);
      }
    });

    test('migrations run before each service with a database, from the same image', () => {
      for (const deployment of rendered.services()) {
        const name = deployment.metadata.name;
        const hasMigrations = existsSync(join(ROOT, 'services', name, 'src', 'migrate.ts'));
        const init = deployment.spec.template.spec.initContainers ?? [];
        if (!hasMigrations) {
          assert.deepEqual(init, [], `${name} has no migrations`);
          continue;
        }
        const migrate = init.find((c) => c.name === 'migrate');
        assert.ok(migrate, `${name}: a migrate init container`);
        assert.deepEqual(migrate.command, ['node', 'dist/src/migrate.js']);
        assert.equal(
          migrate.image,
          mainContainer(deployment).image,
          `${name}: migrations of the same release`,
        );
        const url = rendered.envOf(migrate).get('DATABASE_URL');
        assert.equal(url?.value, rendered.envOf(mainContainer(deployment)).get('DATABASE_URL')?.value);
        assert.equal(rendered.envOf(mainContainer(deployment)).get('MIGRATE_ON_START')?.value, 'false');
      }
    });

    test('Services and Deployments select their pods, and target ports exist', () => {
      for (const workload of rendered.workloads())
        assert.ok(
          matches(workload.spec.selector, workload.spec.template.metadata.labels),
          `${id(workload)} selector`,
        );
      for (const service of rendered.all<Service>('Service')) {
        assert.ok(!service.spec.type || service.spec.type === 'ClusterIP', `${id(service)}: internal only`);
        for (const port of service.spec.ports) {
          const target = rendered.containerPort(service.spec.selector, port.targetPort ?? port.port);
          assert.ok(target !== undefined, `${id(service)} port ${port.port}: no pod port ${port.targetPort}`);
        }
      }
      for (const workload of rendered.workloads()) {
        const pod = workload.spec.template.spec;
        if (pod.serviceAccountName)
          assert.ok(rendered.find('ServiceAccount', pod.serviceAccountName), id(workload));
        for (const volume of pod.volumes ?? []) {
          const claim = volume.persistentVolumeClaim?.claimName;
          if (claim)
            assert.ok(rendered.find('PersistentVolumeClaim', claim), `${id(workload)}: PVC ${claim}`);
        }
      }
    });

    test('autoscalers and disruption budgets target existing Deployments', () => {
      for (const hpa of rendered.all('HorizontalPodAutoscaler')) {
        const target = (hpa.spec as { scaleTargetRef: { kind: string; name: string } }).scaleTargetRef;
        assert.equal(target.kind, 'Deployment');
        assert.ok(rendered.find('Deployment', target.name), `${id(hpa)} targets ${target.name}`);
      }
      for (const pdb of rendered.all('PodDisruptionBudget')) {
        const selector = (pdb.spec as { selector: { matchLabels: Record<string, string> } }).selector;
        const selected = rendered
          .workloads()
          .filter((w) => matches(selector, w.spec.template.metadata.labels));
        assert.equal(selected.length, 1, `${id(pdb)} selects exactly one workload`);
      }
    });

    test('only the gateway is exposed, through one Ingress', () => {
      const ingresses = rendered.all('Ingress');
      assert.equal(ingresses.length, 1);
      const backends = JSON.stringify(ingresses[0]?.spec).match(/"service":\{"name":"[^"]+"/g) ?? [];
      assert.deepEqual([...new Set(backends)], ['"service":{"name":"gateway"']);
    });
  });
}

function id(manifest: Manifest): string {
  return `${manifest.kind}/${manifest.metadata.name}`;
}

/** CPU in millicores, memory in bytes. */
function quantity(resource: string, value: string): number {
  const match = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi|k|M|G)?$/.exec(value);
  assert.ok(match, `not a quantity: ${value}`);
  const plain = resource === 'cpu' ? 1000 : 1;
  const units: Record<string, number> = {
    '': plain,
    m: 1,
    Ki: 1024,
    Mi: 1024 ** 2,
    Gi: 1024 ** 3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
  };
  return Number(match[1]) * (units[match[2] ?? ''] ?? 1);
}
