/**
 * The NetworkPolicies, evaluated rather than eyeballed: every connection the configuration
 * implies (a service's URLs, the ingress controller to the gateway) is allowed, and no other
 * connection between the namespace's pods is. From outside the namespace only the ingress
 * controller reaches anything, and only the gateway.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Labels, NetworkPolicy, NetworkPolicyPeer } from './manifest-types.js';
import { OVERLAYS, Rendered, mainContainer, matches, withoutKubectl } from './rendered.js';

interface Pod {
  name: string;
  labels: Labels;
  ports: number[];
}

/** Namespaces allowed in, and for what: scraping, operators managing their pods. */
const OUTSIDE: Record<string, string> = {
  'ingress-nginx': 'the ingress controller, to the gateway only',
  monitoring: 'Prometheus scraping /metrics',
  'cnpg-system': 'the CloudNativePG operator, to its database pods',
  nack: 'the NATS JetStream controller, to the NATS servers',
};

for (const overlay of OVERLAYS) {
  describe(`${overlay} network policies`, { skip: withoutKubectl }, () => {
    const rendered = new Rendered(overlay);
    const policies = rendered.all<NetworkPolicy>('NetworkPolicy');
    const pods = podsOf(rendered);

    const allows = (source: { labels?: Labels; namespace?: string }, target: Pod, port: number) =>
      policies.some(
        (policy) =>
          matches(policy.spec.podSelector, target.labels) &&
          (policy.spec.ingress ?? []).some(
            (rule) =>
              (!rule.ports || rule.ports.some((p) => p.port === port)) &&
              (!rule.from || rule.from.some((peer) => admits(peer, source))),
          ),
      );

    // Every connection the manifests configure: service URLs, and the Ingress to the gateway.
    const implied: { source: Pod; target: Pod; port: number; why: string }[] = [];
    for (const deployment of rendered.services()) {
      const source = pods.find((p) => p.name === deployment.metadata.name)!;
      for (const [key, { value }] of rendered.envOf(mainContainer(deployment))) {
        const url = /^[a-z]+:\/\/[^/]+/.test(value) ? new URL(value) : undefined;
        if (!url || url.hostname.includes('.')) continue;
        const endpoint = rendered.endpoint(url.hostname, Number(url.port));
        if (!endpoint) continue; // manifests.test.ts reports it
        const target = pods.find((p) => matches({ matchLabels: endpoint.labels }, p.labels));
        assert.ok(target, `${key}: pods of ${url.hostname}`);
        implied.push({ source, target, port: endpoint.port, why: `${deployment.metadata.name} ${key}` });
      }
    }

    test('ingress is denied unless a policy allows it', () => {
      const deny = policies.find(
        (p) =>
          Object.keys(p.spec.podSelector).length === 0 &&
          p.spec.policyTypes?.includes('Ingress') &&
          !p.spec.ingress,
      );
      assert.ok(deny, 'a default-deny ingress policy');
      for (const policy of policies)
        assert.ok(
          policy.spec.policyTypes?.includes('Ingress'),
          `${policy.metadata.name} declares policyTypes`,
        );
    });

    test('every connection the configuration implies is allowed', () => {
      assert.ok(implied.length >= 8, 'the services call each other, their databases and the bus');
      for (const { source, target, port, why } of implied)
        assert.ok(allows(source, target, port), `${why}: ${source.name} → ${target.name}:${port} is blocked`);
      const gateway = pods.find((p) => p.name === 'gateway')!;
      assert.ok(
        allows({ namespace: 'ingress-nginx' }, gateway, 3000),
        'the ingress controller reaches the gateway',
      );
    });

    test('no other connection between the pods of the namespace is allowed', () => {
      for (const source of pods) {
        for (const target of pods) {
          if (source.name === target.name) continue; // peers of one StatefulSet/cluster replicate
          for (const port of target.ports) {
            const expected = implied.some(
              (c) => c.source === source && c.target === target && c.port === port,
            );
            assert.equal(allows(source, target, port), expected, `${source.name} → ${target.name}:${port}`);
          }
        }
      }
    });

    test('from outside the namespace, only the ingress controller reaches a pod, and only the gateway', () => {
      for (const policy of policies) {
        for (const rule of policy.spec.ingress ?? []) {
          assert.ok(rule.from && rule.from.length > 0, `${policy.metadata.name}: a rule open to everyone`);
          for (const peer of rule.from) {
            assert.equal(peer.ipBlock, undefined, `${policy.metadata.name}: no ipBlock`);
            if (!peer.namespaceSelector) continue;
            const name = peer.namespaceSelector.matchLabels?.['kubernetes.io/metadata.name'];
            assert.ok(name && name in OUTSIDE, `${policy.metadata.name}: namespace ${name ?? '(any)'}`);
          }
        }
      }
      for (const pod of pods) {
        const reached = pod.ports.some((port) => allows({ namespace: 'ingress-nginx' }, pod, port));
        assert.equal(reached, pod.name === 'gateway', `ingress controller → ${pod.name}`);
        for (const port of pod.ports)
          assert.equal(
            allows({ namespace: 'elsewhere' }, pod, port),
            false,
            `another namespace → ${pod.name}:${port}`,
          );
      }
    });
  });
}

/** Whether a peer admits a pod of this namespace (labels) or any pod of another namespace. */
function admits(peer: NetworkPolicyPeer, source: { labels?: Labels; namespace?: string }): boolean {
  if (peer.ipBlock) return false;
  if (source.namespace) {
    const namespaceLabels = { 'kubernetes.io/metadata.name': source.namespace };
    return Boolean(
      peer.namespaceSelector && matches(peer.namespaceSelector, namespaceLabels) && !peer.podSelector,
    );
  }
  return Boolean(
    peer.podSelector && !peer.namespaceSelector && matches(peer.podSelector, source.labels ?? {}),
  );
}

/** The pods an overlay runs, with the ports they listen on, including operator-managed ones. */
function podsOf(rendered: Rendered): Pod[] {
  const pods: Pod[] = rendered.workloads().map((w) => ({
    name: w.metadata.name,
    labels: w.spec.template.metadata.labels,
    ports: w.spec.template.spec.containers.flatMap((c) => (c.ports ?? []).map((p) => p.containerPort)),
  }));
  for (const cluster of rendered.all('Cluster'))
    pods.push({
      name: cluster.metadata.name,
      labels: { 'cnpg.io/cluster': cluster.metadata.name },
      ports: [5432, 8000],
    });
  const nats = rendered.endpoint('nats', 4222);
  if (nats && nats.origin !== 'Service')
    pods.push({ name: 'nats', labels: nats.labels, ports: [4222, 6222, 8222, 7777] });
  return pods;
}
