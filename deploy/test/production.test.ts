/**
 * What production adds on top of the shared rules: replicas that survive a node, state that
 * scales out, database connections that fit, the bus replicated, secrets kept out of git.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Manifest, Workload } from './manifest-types.js';
import { DEPLOY, ROOT, Rendered, mainContainer as main, matches, withoutKubectl } from './rendered.js';

interface Autoscaler extends Manifest {
  spec: { scaleTargetRef: { name: string }; minReplicas: number; maxReplicas: number };
}

describe('production', { skip: withoutKubectl }, () => {
  const production = new Rendered('production');
  const dev = new Rendered('dev');
  const autoscalerOf = (name: string) =>
    production.all<Autoscaler>('HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef.name === name);

  test('every service runs at least two pods, autoscaled, and keeps all but one through disruptions', () => {
    for (const deployment of production.services()) {
      const name = deployment.metadata.name;
      const hpa = autoscalerOf(name);
      assert.ok(hpa, `${name}: a HorizontalPodAutoscaler`);
      assert.ok(hpa.spec.minReplicas >= 2, `${name}: at least two replicas`);
      assert.ok(hpa.spec.maxReplicas >= hpa.spec.minReplicas, `${name}: a sane range`);
      // A fixed count would be re-applied over the autoscaler's on every deploy.
      assert.equal(deployment.spec.replicas, undefined, `${name}: replicas left to the autoscaler`);
      const budgets = production
        .all('PodDisruptionBudget')
        .filter((pdb) =>
          matches((pdb.spec as { selector: object }).selector, deployment.spec.template.metadata.labels),
        );
      assert.equal(budgets.length, 1, `${name}: one PodDisruptionBudget`);
      const { maxUnavailable, minAvailable } = budgets[0]!.spec as {
        maxUnavailable?: number;
        minAvailable?: number;
      };
      assert.ok(
        maxUnavailable === 1 || (minAvailable ?? 0) < hpa.spec.minReplicas,
        `${name}: drains can proceed`,
      );
    }
  });

  test('no dev-only parts: no payment sandbox, orders talk to Stripe itself, mail goes out by SMTP', () => {
    assert.equal(production.find('Deployment', 'payments-sandbox'), undefined);
    const orders = production.envOf(main(production.find<Workload>('Deployment', 'orders')!));
    assert.equal(orders.has('STRIPE_API_URL'), false, 'STRIPE_API_URL unset = api.stripe.com');
    assert.equal(orders.has('ORDERS_FAULT'), false);
    const users = production.envOf(main(production.find<Workload>('Deployment', 'users')!));
    assert.equal(users.get('MAILER')?.value, 'smtp');
    assert.ok(dev.find('Deployment', 'payments-sandbox'), 'dev keeps the sandbox');
  });

  test('users replicas sign with the same keys and share the avatar volume', () => {
    const users = production.find<Workload>('Deployment', 'users')!;
    const env = production.envOf(main(users));
    assert.match(env.get('JWT_SIGNING_KEYS')?.from ?? '', /^Secret\//, 'JWT_SIGNING_KEYS from a Secret');
    const claim = users.spec.template.spec.volumes?.find((v) => v.name === 'data')?.persistentVolumeClaim
      ?.claimName;
    const pvc = production.find('PersistentVolumeClaim', claim ?? '');
    assert.deepEqual((pvc?.spec as { accessModes: string[] }).accessModes, ['ReadWriteMany']);
    const mount = main(users).volumeMounts?.find((m) => m.name === 'data')?.mountPath;
    assert.equal(mount, env.get('DATA_DIR')?.value, 'avatars are written to the shared volume');
  });

  test("database connections fit each cluster's max_connections, even at full scale during a rollout", () => {
    for (const cluster of production.all('Cluster')) {
      const service = cluster.metadata.name.replace(/-db$/, '');
      const deployment = production.find<Workload>('Deployment', service);
      assert.ok(deployment, `${cluster.metadata.name} belongs to a service`);
      const pool = Number(production.envOf(main(deployment)).get('DATABASE_POOL_SIZE')?.value);
      const pods = autoscalerOf(service)!.spec.maxReplicas + 1; // maxSurge 1
      // The pool, plus up to three LISTEN connections of their own (the outbox relay, session
      // revocations, and products' cache or orders' live status) and a migration.
      const needed = pods * (pool + 4);
      const spec = cluster.spec as {
        instances: number;
        postgresql: { parameters: { max_connections: string } };
      };
      assert.ok(spec.instances >= 3, `${cluster.metadata.name}: a primary and two replicas`);
      const max = Number(spec.postgresql.parameters.max_connections);
      assert.ok(
        needed <= max - 10,
        `${cluster.metadata.name}: ${needed} connections needed, max_connections ${max}`,
      );
    }
  });

  test('the bus streams are replicated three times, as the platform declares them', () => {
    // The platform's NATS adapter creates its streams with one replica when they are missing.
    // The adapter (nats-bus.ts) declares them with the names of nats-names.ts.
    const source = ['nats-bus.ts', 'nats-names.ts']
      .map((file) => readFileSync(join(ROOT, 'packages/platform/src/messaging', file), 'utf8'))
      .join('\n');
    const constant = (name: string) => new RegExp(`const ${name} = '([^']+)'`).exec(source)?.[1];
    const declared = new Map<string, string[]>();
    for (const match of source.matchAll(/ensureStream\((\w+), \[([^\]]+)\]\)/g)) {
      const subjects = [...match[2]!.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
      declared.set(constant(match[1]!) ?? match[1]!, subjects);
    }
    assert.ok(
      declared.size >= 2,
      'the streams of nats-bus.ts and nats-names.ts are found (update this test if they moved)',
    );
    const streams = production
      .all('Stream')
      .map((s) => s.spec as { name: string; subjects: string[]; replicas: number });
    for (const [name, subjects] of declared) {
      const stream = streams.find((s) => s.name === name);
      assert.ok(stream, `a Stream for ${name}`);
      assert.deepEqual(stream.subjects, subjects, `${name} subjects`);
      assert.equal(stream.replicas, 3, `${name} replicas`);
    }
  });

  test('real secrets never enter git: only placeholders are committed', () => {
    const dir = join(DEPLOY, 'k8s/overlays/production/secrets');
    assert.match(readFileSync(join(dir, '.gitignore'), 'utf8'), /^\*\.env$/m);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.env.example'))) {
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean))
        assert.match(line, /REPLACE/, `${file}: ${line.split('=')[0]} is a placeholder`);
    }
    const tracked = execFileSync('git', ['ls-files', dir], { cwd: ROOT, encoding: 'utf8' });
    assert.doesNotMatch(tracked, /\.env$/m, 'no secrets/*.env tracked');
  });

  test('images come from the release registry at a fixed version', () => {
    for (const workload of production.workloads()) {
      for (const container of [
        ...(workload.spec.template.spec.initContainers ?? []),
        ...workload.spec.template.spec.containers,
      ])
        assert.match(container.image, /^registry\.example\.com\/shop\/[\w-]+(:\d+\.\d+\.\d+|@sha256:\w+)$/);
    }
  });
});
