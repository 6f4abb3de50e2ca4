/**
 * deploy/compose.yaml, read statically (no Docker engine here): the images it builds come from
 * deploy/Dockerfile's stages, each shop service gets only variables its own config schema knows and
 * starts with them, every URL names a Compose service on the port it listens on, migrations run
 * before their service, dependencies exist and are waited for, every long-running service has a
 * health check, the replicas are as deploy/README.md says, and no host port is published twice.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { DEPLOY, ROOT } from './rendered.js';
import { SERVICE_CONFIGS, knownVariables } from './service-configs.js';

interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string; target?: string; args?: Record<string, string> };
  command?: string | string[];
  user?: string;
  restart?: string;
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  deploy?: { replicas?: number };
  ports?: (string | number | { target: number; published?: string | number })[];
  volumes?: (string | { source?: string; target: string })[];
}

/** Scaled out, as the issue asks; everything else runs once. */
const REPLICATED = new Map([
  ['users', 2],
  ['products', 2],
  ['orders', 2],
  ['gateway', 2],
]);
/** Ports the backing images listen on. */
const IMAGE_PORTS: [RegExp, number][] = [
  [/^postgres:/, 5432],
  [/^nats:/, 4222],
  [/^redis:/, 6379],
];
const CONDITIONS = new Set(['service_started', 'service_healthy', 'service_completed_successfully']);

const file = join(DEPLOY, 'compose.yaml');
// Compose reads YAML merge keys (`<<: *anchor`).
const compose = parse(readFileSync(file, 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const services = new Map(Object.entries(compose.services));
const stages = [
  ...readFileSync(join(DEPLOY, 'Dockerfile'), 'utf8').matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim),
].map((m) => m[1]!);

/** What a Compose service runs: a shop service's process, its migrations, a chore, or another image. */
function roleOf(service: ComposeService): { shop?: string; role: 'main' | 'migrate' | 'chore' | 'image' } {
  const shop = service.build?.args?.SERVICE;
  if (!shop) return { role: 'image' };
  const command = commandOf(service).join(' ');
  if (command === '' || command === 'node dist/src/main.js') return { shop, role: 'main' };
  return { shop, role: command === 'node dist/src/migrate.js' ? 'migrate' : 'chore' };
}

const mains = [...services].filter(([, s]) => roleOf(s).role === 'main');
const oneShot = (service: ComposeService) => service.restart === 'no';

describe('deploy/compose.yaml', () => {
  test('it parses, and every image it builds is a stage of deploy/Dockerfile for a service that exists', () => {
    assert.ok(services.size > 0, 'services');
    assert.ok(stages.length > 0, 'the Dockerfile has named stages');
    const builds = new Map<string, string>();
    for (const [name, service] of services) {
      if (!service.build) {
        assert.ok(service.image, `${name}: an image or a build`);
        continue;
      }
      const { context = '.', dockerfile = 'Dockerfile', target, args = {} } = service.build;
      assert.equal(resolve(DEPLOY, context), resolve(ROOT), `${name}: the repository is the context`);
      assert.equal(
        resolve(DEPLOY, context, dockerfile),
        join(DEPLOY, 'Dockerfile'),
        `${name}: deploy/Dockerfile`,
      );
      assert.ok(
        target && stages.includes(target),
        `${name}: target ${target} is one of ${stages.join(', ')}`,
      );
      assert.equal(target, stages.at(-1), `${name}: the stage that runs (the one build-images.sh builds)`);
      assert.ok(
        args.SERVICE && existsSync(join(ROOT, 'services', args.SERVICE, 'package.json')),
        `${name}: SERVICE=${args.SERVICE} is a folder of services/`,
      );
      assert.match(service.image ?? '', new RegExp(`^shop/${args.SERVICE}:[\\w.-]+$`), `${name}: image name`);
      // Services sharing an image tag build it alike, whichever Compose builds first.
      const recipe = JSON.stringify(service.build);
      assert.equal(builds.get(service.image!) ?? recipe, recipe, `${name}: ${service.image} built alike`);
      builds.set(service.image!, recipe);
    }
  });

  test('each shop service is given only variables its config schema knows, and starts with them', () => {
    assert.deepEqual(mains.map(([name]) => name).sort(), Object.keys(SERVICE_CONFIGS).sort());
    for (const [name, service] of mains) {
      const { shop = '' } = roleOf(service);
      const config = SERVICE_CONFIGS[shop];
      assert.ok(config, `${name}: add ${shop}'s config schema to deploy/test/service-configs.ts`);
      const env = environmentOf(service);
      const known = knownVariables(config);
      const unknown = Object.keys(env).filter((key) => !known.has(key));
      assert.deepEqual(unknown, [], `${name}: variables ${shop}'s config.ts does not read (typos?)`);
      assert.doesNotThrow(() => config.load(env), `${name}: its config loader accepts the environment`);
      assert.match(env.PORT ?? '', /^[1-9]\d*$/, `${name}: a fixed PORT (users and orders default to 0)`);
      assert.ok(!env.DEV_ROUTES && !env.ADMIN_PASSWORD, `${name}: no dev routes, no committed admin`);
    }
    for (const [name, service] of services) {
      const { shop, role } = roleOf(service);
      if (role === 'chore')
        assert.deepEqual(environmentOf(service), {}, `${name}: a chore needs no variables`);
      if (role !== 'migrate') continue;
      // runMigrationsCommand (migrate.ts) reads DATABASE_URL alone: that of the service it migrates.
      const env = environmentOf(service);
      assert.deepEqual(Object.keys(env), ['DATABASE_URL'], `${name}: DATABASE_URL only`);
      assert.equal(
        env.DATABASE_URL,
        environmentOf(services.get(shop!)!).DATABASE_URL,
        `${name}: ${shop}'s database`,
      );
    }
  });

  test('the secrets services share agree, and what replicas must share is shared', () => {
    const env = (name: string) => environmentOf(services.get(name)!);
    const clients = new Map(
      env('users')
        .SERVICE_CLIENTS?.split(',')
        .map((p) => p.split(':') as [string, string]),
    );
    assert.equal(clients.get(env('orders').SERVICE_CLIENT_ID ?? ''), env('orders').SERVICE_CLIENT_SECRET);
    assert.equal(env('orders').STRIPE_SECRET_KEY, env('payments-sandbox').SANDBOX_API_KEY);
    assert.equal(env('orders').STRIPE_WEBHOOK_SECRET, env('payments-sandbox').WEBHOOK_SECRET);
    // One process owns a generated key folder: replicas sign with keys they are given.
    assert.ok(env('users').JWT_SIGNING_KEYS, 'users replicas sign with JWT_SIGNING_KEYS');
    const dataVolume = volumeAt(services.get('users')!, env('users').DATA_DIR ?? '');
    assert.match(
      dataVolume ?? '',
      /^[a-z0-9][\w.-]*$/,
      'users DATA_DIR (avatars, captured mail) is a named volume, which every replica mounts',
    );
    assert.equal(new URL(env('gateway').RATE_LIMIT_REDIS_URL ?? '').hostname, 'redis', 'budgets in Redis');
  });

  test('every URL a service is given names a Compose service, on a port it listens on', () => {
    let checked = 0;
    for (const [name, service] of services) {
      if (roleOf(service).role === 'image') continue;
      for (const [key, value] of Object.entries(environmentOf(service))) {
        for (const text of value.split(',')) {
          const url = /^[a-z]+:\/\//.test(text.trim()) ? new URL(text.trim()) : undefined;
          if (!url || url.hostname === 'localhost') continue; // the browser's address of the shop
          const target = services.get(url.hostname);
          assert.ok(target, `${name} ${key}: no Compose service ${url.hostname}`);
          assert.equal(Number(url.port), portOf(target), `${name} ${key}: ${url.hostname} listens there`);
          checked += 1;
        }
      }
      const database = environmentOf(service).DATABASE_URL;
      if (database) {
        const url = new URL(database);
        const db = environmentOf(services.get(url.hostname)!);
        assert.equal(url.hostname, `${roleOf(service).shop}-db`, `${name}: its own database server`);
        assert.deepEqual(
          [url.username, url.password, url.pathname],
          [db.POSTGRES_USER, db.POSTGRES_PASSWORD, `/${db.POSTGRES_DB}`],
          `${name}: DATABASE_URL matches ${url.hostname}'s role and database`,
        );
      }
    }
    assert.ok(checked >= 15, 'the services call each other, their databases, the bus and Redis');
  });

  test('dependencies exist and are waited for; migrations run, once, before their service', () => {
    for (const [name, service] of services) {
      for (const [target, { condition = 'service_started' }] of Object.entries(dependsOn(service))) {
        const dependency = services.get(target);
        assert.ok(dependency, `${name} depends on ${target}, which is not a service`);
        assert.ok(CONDITIONS.has(condition), `${name} → ${target}: condition ${condition}`);
        if (condition === 'service_healthy')
          assert.ok(dependency.healthcheck, `${target} has a health check`);
        if (condition === 'service_completed_successfully')
          assert.ok(oneShot(dependency), `${name} → ${target}: waits for a one-shot (restart: "no")`);
      }
    }
    for (const [name, service] of mains) {
      const env = environmentOf(service);
      const depends = dependsOn(service);
      if (env.BUS_URL) assert.equal(depends.nats?.condition, 'service_healthy', `${name} waits for NATS`);
      if (!existsSync(join(ROOT, 'services', name, 'src', 'migrate.ts'))) continue;
      const migrate = `${name}-migrate`;
      assert.equal(roleOf(services.get(migrate) ?? {}).role, 'migrate', `${migrate} runs migrate.js`);
      assert.equal(depends[migrate]?.condition, 'service_completed_successfully', `${name} after ${migrate}`);
      assert.equal(
        env.MIGRATE_ON_START,
        'false',
        `${name}: the migrate one-shot migrates, not every replica`,
      );
      const database = new URL(env.DATABASE_URL ?? '').hostname;
      assert.equal(dependsOn(services.get(migrate)!)[database]?.condition, 'service_healthy');
    }
    assert.equal(dependsOn(services.get('gateway')!).redis?.condition, 'service_healthy');
    // What lets `up --wait` take a one-shot's exit 0 for success rather than a failure.
    for (const [name, service] of services) {
      if (!oneShot(service)) continue;
      const adopted = [...services].some(
        ([, other]) =>
          !oneShot(other) && dependsOn(other)[name]?.condition === 'service_completed_successfully',
      );
      assert.ok(adopted, `${name}: a long-running service waits for it to complete`);
    }
  });

  test('every long-running service has a health check; the shop services ask /readyz on their port', () => {
    for (const [name, service] of services) {
      if (oneShot(service)) {
        assert.equal(service.healthcheck, undefined, `${name}: a one-shot is waited for by its exit code`);
        continue;
      }
      const probe = [service.healthcheck?.test ?? []].flat().join(' ');
      assert.ok(probe && !service.healthcheck?.disable, `${name}: a health check`);
      if (roleOf(service).role !== 'main') continue;
      assert.match(
        probe,
        /http:\/\/127\.0\.0\.1:(" \+ process\.env\.PORT \+ "|\d+)\/readyz/,
        `${name}: /readyz`,
      );
      const literal = /127\.0\.0\.1:(\d+)\//.exec(probe)?.[1];
      if (literal) assert.equal(literal, environmentOf(service).PORT, `${name}: its own PORT`);
    }
    const db = services.get('users-db')!;
    assert.match([db.healthcheck?.test].flat().join(' '), /pg_isready/);
    assert.match([services.get('nats')!.healthcheck?.test].flat().join(' '), /:8222\/healthz/);
    assert.match(commandOf(services.get('nats')!).join(' '), /(^| )-js( |$)/, 'NATS runs JetStream');
  });

  test('users, products, orders and the gateway run two replicas; everything else once', () => {
    for (const [name, service] of services) {
      const replicas = service.deploy?.replicas ?? 1;
      assert.equal(replicas, REPLICATED.get(name) ?? 1, `${name}: replicas`);
    }
    // Its PaymentIntents live in its memory.
    assert.equal(services.get('payments-sandbox')!.deploy?.replicas ?? 1, 1);
  });

  test('no host port is published twice, a replicated service publishes none, and 3000 leads to the gateway', () => {
    const published = new Map<number, string>();
    for (const [name, service] of services) {
      for (const port of service.ports ?? []) {
        const hostPorts = hostPortsOf(port);
        if ((service.deploy?.replicas ?? 1) > 1)
          assert.deepEqual(hostPorts, [], `${name}: its replicas would all claim host port ${hostPorts}`);
        for (const hostPort of hostPorts) {
          assert.ok(
            !published.has(hostPort),
            `host port ${hostPort}: ${published.get(hostPort)} and ${name}`,
          );
          published.set(hostPort, name);
        }
      }
    }
    const front = published.get(3000);
    assert.ok(front, 'the shop is published on port 3000');
    const conf = readFileSync(join(DEPLOY, 'compose', 'nginx.conf'), 'utf8');
    const gatewayPort = environmentOf(services.get('gateway')!).PORT;
    assert.equal(
      volumeAt(services.get(front)!, '/etc/nginx/conf.d/default.conf'),
      './compose/nginx.conf',
      `${front} reads compose/nginx.conf`,
    );
    assert.match(
      conf,
      new RegExp(`server gateway:${gatewayPort} resolve;`),
      'nginx spreads over every gateway',
    );
    assert.match(conf, /listen 3000;/);
    assert.match(conf, /proxy_set_header X-Forwarded-For \$remote_addr;/, 'a client cannot bring its own');
  });
});

function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  const entries = Array.isArray(env)
    ? env.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])
    : Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]);
  return Object.fromEntries(entries) as Record<string, string>;
}

function commandOf(service: ComposeService): string[] {
  const command = service.command ?? [];
  return typeof command === 'string' ? command.split(/\s+/).filter(Boolean) : command;
}

function dependsOn(service: ComposeService): Record<string, { condition?: string }> {
  const depends = service.depends_on ?? {};
  return Array.isArray(depends) ? Object.fromEntries(depends.map((name) => [name, {}])) : depends;
}

/** The port a Compose service listens on: its PORT, or its image's. */
function portOf(service: ComposeService): number | undefined {
  const port = environmentOf(service).PORT;
  if (port) return Number(port);
  return IMAGE_PORTS.find(([image]) => image.test(service.image ?? ''))?.[1];
}

/** What is mounted at `path`: a named volume, or a bind-mounted path (./…, /…). */
function volumeAt(service: ComposeService, path: string): string | undefined {
  for (const volume of service.volumes ?? []) {
    const [source = '', target = ''] =
      typeof volume === 'string' ? volume.split(':') : [volume.source, volume.target];
    if (target === path) return source;
  }
  return undefined;
}

/** The fixed host ports an entry of `ports` publishes (none when Docker picks one). */
function hostPortsOf(port: string | number | { target: number; published?: string | number }): number[] {
  let published: string | undefined;
  if (typeof port === 'object') published = port.published === undefined ? undefined : String(port.published);
  else {
    const parts = String(port)
      .replace(/\/\w+$/, '')
      .split(':');
    published = parts.length >= 2 ? parts.at(-2) : undefined;
  }
  if (!published) return [];
  const [from = 0, to = from] = published.split('-').map(Number);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
