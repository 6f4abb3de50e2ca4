/**
 * One overlay as `kubectl kustomize` renders it (kubectl.ts) and the questions the checks ask of
 * it: which pods run, what environment a container really gets (ConfigMaps, Secrets and the
 * secrets operators write), and which pods and port sit behind a host name.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { kustomize } from './kubectl.js';
export { generatorName, withoutKubectl } from './kubectl.js';
import type { Container, LabelSelector, Labels, Manifest, Service, Workload } from './manifest-types.js';

export const DEPLOY = new URL('..', import.meta.url).pathname;
export const ROOT = join(DEPLOY, '..');

export const OVERLAYS = ['dev', 'production'] as const;
export type OverlayName = (typeof OVERLAYS)[number];

/** Pods and ports behind a host name, inside or outside the rendered manifests. */
export interface Endpoint {
  labels: Labels;
  port: number;
  /** Who creates them when the manifests do not: kept for messages. */
  origin: string;
}

export class Rendered {
  readonly manifests: Manifest[];
  /** The overlay's folder (what sits beside its kustomization, such as Helm values). */
  readonly dir: string;

  constructor(readonly overlay: OverlayName) {
    this.dir = join(DEPLOY, 'k8s', 'overlays', overlay);
    this.manifests = kustomize(join(DEPLOY, 'k8s'), overlay);
  }

  all<T extends Manifest = Manifest>(kind: string): T[] {
    return this.manifests.filter((m) => m.kind === kind) as T[];
  }

  find<T extends Manifest = Manifest>(kind: string, name: string): T | undefined {
    return this.all<T>(kind).find((m) => m.metadata.name === name);
  }

  workloads(): Workload[] {
    return [...this.all<Workload>('Deployment'), ...this.all<Workload>('StatefulSet')];
  }

  /** The shop's own services (their pods carry part-of=shop, component=service). */
  services(): Workload[] {
    return this.all<Workload>('Deployment').filter(
      (d) =>
        d.spec.template.metadata.labels['app.kubernetes.io/part-of'] === 'shop' &&
        d.spec.template.metadata.labels['app.kubernetes.io/component'] === 'service',
    );
  }

  /** The environment a container starts with, and where each variable comes from. */
  envOf(container: Container): Map<string, { value: string; from: string }> {
    const env = new Map<string, { value: string; from: string }>();
    for (const source of container.envFrom ?? []) {
      const ref = source.configMapRef ?? source.secretRef;
      const kind = source.configMapRef ? 'ConfigMap' : 'Secret';
      for (const [key, value] of Object.entries(this.dataOf(kind, ref!.name)))
        env.set(key, { value, from: `${kind}/${ref!.name}` });
    }
    for (const variable of container.env ?? []) {
      const ref = variable.valueFrom?.secretKeyRef ?? variable.valueFrom?.configMapKeyRef;
      if (!ref) {
        env.set(variable.name, { value: variable.value ?? '', from: 'literal' });
        continue;
      }
      const kind = variable.valueFrom?.secretKeyRef ? 'Secret' : 'ConfigMap';
      const value = this.dataOf(kind, ref.name)[ref.key];
      if (value === undefined)
        throw new Error(`${kind} ${ref.name} has no key ${ref.key} (${variable.name})`);
      env.set(variable.name, { value, from: `${kind}/${ref.name}` });
    }
    return env;
  }

  /** A ConfigMap's or Secret's values; the app secrets CloudNativePG writes count as rendered. */
  dataOf(kind: string, name: string): Record<string, string> {
    const manifest = this.find(kind, name);
    if (manifest) return decode(manifest);
    const cluster = kind === 'Secret' && this.find('Cluster', name.replace(/-app$/, ''));
    if (cluster && name.endsWith('-app')) return cnpgAppSecret(cluster);
    throw new Error(`${kind} ${name} is referenced but neither rendered nor written by an operator`);
  }

  /** What answers at host:port from inside the namespace, if anything. */
  endpoint(host: string, port: number): Endpoint | undefined {
    const service = this.find<Service>('Service', host);
    if (service) {
      const servicePort = service.spec.ports.find((p) => p.port === port);
      if (!servicePort) return undefined;
      const target = this.containerPort(service.spec.selector, servicePort.targetPort ?? port);
      return target === undefined
        ? undefined
        : { labels: service.spec.selector, port: target, origin: 'Service' };
    }
    const cluster = this.find('Cluster', host.replace(/-rw$/, ''));
    if (cluster && host.endsWith('-rw') && port === 5432)
      return { labels: { 'cnpg.io/cluster': cluster.metadata.name }, port, origin: 'CloudNativePG' };
    const nats = helmNats(this.dir);
    if (nats && host === nats.host && port === nats.port) return nats.endpoint;
    return undefined;
  }

  /** The container port a Service's targetPort reaches on the pods it selects. */
  containerPort(selector: Labels, targetPort: string | number): number | undefined {
    for (const workload of this.workloads()) {
      if (!matches({ matchLabels: selector }, workload.spec.template.metadata.labels)) continue;
      for (const container of workload.spec.template.spec.containers) {
        const port = container.ports?.find((p) =>
          typeof targetPort === 'number' ? p.containerPort === targetPort : p.name === targetPort,
        );
        if (port) return port.containerPort;
      }
    }
    return undefined;
  }
}

/** The plain values of a ConfigMap or (base64-decoded) Secret. */
export function decode(manifest: Manifest): Record<string, string> {
  const data = (manifest.data ?? {}) as Record<string, string>;
  if (manifest.kind !== 'Secret') return { ...data };
  // Buffer ignores the line breaks kustomize may wrap long base64 values with.
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => [key, Buffer.from(value, 'base64').toString()]),
  );
}

/** The container a workload is named after (its other containers are helpers). */
export function mainContainer(workload: Workload): Container {
  const container = workload.spec.template.spec.containers.find((c) => c.name === workload.metadata.name);
  if (!container)
    throw new Error(`${workload.kind}/${workload.metadata.name} has no container named after it`);
  return container;
}

/** Kubernetes label-selector semantics. */
export function matches(selector: LabelSelector, labels: Labels): boolean {
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  const byExpressions = (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    if (operator === 'In') return values.includes(labels[key] ?? '\0');
    if (operator === 'NotIn') return !values.includes(labels[key] ?? '\0');
    if (operator === 'Exists') return key in labels;
    return !(key in labels);
  });
  return byLabels && byExpressions;
}

/** The keys CloudNativePG writes in <cluster>-app, for the database bootstrap declares. */
function cnpgAppSecret(cluster: Manifest): Record<string, string> {
  const { database, owner } = (cluster.spec as { bootstrap: { initdb: { database: string; owner: string } } })
    .bootstrap.initdb;
  const host = `${cluster.metadata.name}-rw`;
  return {
    username: owner,
    password: 'written-by-the-operator',
    dbname: database,
    host,
    port: '5432',
    uri: `postgresql://${owner}:written-by-the-operator@${host}:5432/${database}`,
  };
}

/** NATS installed by its Helm chart next to the overlay (nats-values.yaml), if it is. */
function helmNats(dir: string): { host: string; port: number; endpoint: Endpoint } | undefined {
  const file = join(dir, 'nats-values.yaml');
  if (!existsSync(file)) return undefined;
  const values = parse(readFileSync(file, 'utf8')) as { fullnameOverride?: string };
  if (!values.fullnameOverride)
    throw new Error(`${file}: set fullnameOverride, the Service name BUS_URL uses`);
  return {
    host: values.fullnameOverride,
    port: 4222,
    endpoint: {
      // The chart's labels on server pods.
      labels: { 'app.kubernetes.io/name': 'nats', 'app.kubernetes.io/component': 'nats' },
      port: 4222,
      origin: 'NATS Helm chart',
    },
  };
}
