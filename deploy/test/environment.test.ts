/**
 * What each service is given: its environment, rendered from ConfigMaps, Secrets and the
 * secrets operators write, against the service's own config schema and loader; secrets kept in
 * Secrets and agreeing between services; URLs that lead somewhere.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Workload } from './manifest-types.js';
import { OVERLAYS, Rendered, generatorName, mainContainer, withoutKubectl } from './rendered.js';
import { SERVICE_CONFIGS, knownVariables, requiredVariables } from './service-configs.js';

for (const overlay of OVERLAYS) {
  describe(`${overlay} environment`, { skip: withoutKubectl }, () => {
    const rendered = new Rendered(overlay);

    test('each service gets every variable its config requires, only variables it reads, and starts with them', () => {
      for (const deployment of rendered.services()) {
        const name = deployment.metadata.name;
        const config = SERVICE_CONFIGS[name];
        assert.ok(config, `${name}: add its config schema to deploy/test/service-configs.ts`);
        const env = rendered.envOf(mainContainer(deployment));
        const missing = requiredVariables(config).filter((key) => !env.has(key));
        assert.deepEqual(missing, [], `${name}: required variables missing`);
        const known = knownVariables(config);
        const unread = [...env.keys()].filter((key) => !known.has(key));
        assert.deepEqual(unread, [], `${name}: variables the service does not read (typos?)`);
        assert.doesNotThrow(() => config.load(Object.fromEntries([...env].map(([k, v]) => [k, v.value]))));
        assert.equal(env.get('HOST')?.value, '0.0.0.0', `${name}: listens on the pod address`);
        const port = mainContainer(deployment).ports?.find((p) => p.name === 'http')?.containerPort;
        assert.equal(String(port), env.get('PORT')?.value, `${name}: PORT is the container's http port`);
      }
    });

    test('no development routes and no committed admin credentials', () => {
      for (const deployment of rendered.services()) {
        const env = rendered.envOf(mainContainer(deployment));
        assert.ok(
          !env.has('DEV_ROUTES'),
          `${deployment.metadata.name}: DEV_ROUTES is never set in a cluster`,
        );
        assert.ok(!env.has('ADMIN_PASSWORD'), `${deployment.metadata.name}: the first admin is made by hand`);
      }
    });

    test('secrets come from Secrets, and the secrets services share agree', () => {
      // BUS_URL carries the service's own NATS credentials.
      const secretLike =
        /(SECRET|PASSWORD|API_KEY|SIGNING_KEYS|SERVICE_CLIENTS|SMTP_URL|DATABASE_URL|BUS_URL)/;
      for (const configMap of rendered.all('ConfigMap')) {
        const keys = Object.keys((configMap.data ?? {}) as object).filter((key) => secretLike.test(key));
        assert.deepEqual(keys, [], `${configMap.metadata.name} holds secrets`);
      }
      const envOf = (name: string) => {
        const deployment = rendered.find<Workload>('Deployment', name);
        return deployment ? rendered.envOf(mainContainer(deployment)) : new Map<string, { value: string }>();
      };
      const clients = new Map(
        (envOf('users').get('SERVICE_CLIENTS')?.value ?? '')
          .split(',')
          .map((pair) => pair.split(':') as [string, string]),
      );
      for (const name of ['products', 'orders']) {
        const id = envOf(name).get('SERVICE_CLIENT_ID')?.value;
        if (id)
          assert.equal(
            clients.get(id),
            envOf(name).get('SERVICE_CLIENT_SECRET')?.value,
            `${name}'s client secret`,
          );
      }
      const sandbox = envOf('payments-sandbox');
      if (sandbox.size > 0) {
        assert.equal(envOf('orders').get('STRIPE_SECRET_KEY')?.value, sandbox.get('SANDBOX_API_KEY')?.value);
        assert.equal(
          envOf('orders').get('STRIPE_WEBHOOK_SECRET')?.value,
          sandbox.get('WEBHOOK_SECRET')?.value,
        );
      }
      const databaseSecrets = rendered
        .all('Secret')
        .filter((s) => generatorName(s.metadata.name).endsWith('-db-app'));
      for (const secret of databaseSecrets) {
        const { username, password, dbname, uri } = rendered.dataOf('Secret', secret.metadata.name);
        const url = new URL(uri ?? '');
        assert.deepEqual(
          [url.username, url.password, url.pathname],
          [username, password, `/${dbname}`],
          `${secret.metadata.name}: uri matches its parts`,
        );
      }
    });

    test('every URL a service is given reaches something in the namespace, on the right port', () => {
      for (const deployment of rendered.services()) {
        for (const [key, { value }] of rendered.envOf(mainContainer(deployment))) {
          const url = asUrl(value);
          if (!url || url.hostname.includes('.')) continue; // external (Stripe, SMTP, the public host)
          const endpoint = rendered.endpoint(url.hostname, Number(url.port || defaultPort(url.protocol)));
          assert.ok(endpoint, `${deployment.metadata.name} ${key}=${value}: nothing answers there`);
        }
      }
    });
  });
}

function asUrl(value: string): URL | undefined {
  if (!/^[a-z]+:\/\//.test(value)) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

function defaultPort(protocol: string): number {
  return { 'http:': 80, 'https:': 443, 'nats:': 4222, 'postgres:': 5432, 'postgresql:': 5432 }[protocol] ?? 0;
}
