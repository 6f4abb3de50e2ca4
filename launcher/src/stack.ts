import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@shop/platform';
import { consoleSink, type LogFormat, type LogSink } from './child-logs.js';
import { DATABASES, prepareDatabases, type DatabaseName, type Databases } from './databases.js';
import { LauncherError } from './errors.js';
import { exists, firstAdmin, seedProducts } from './first-run.js';
import { assertPortFree } from './ports.js';
import { loadSecrets } from './secrets.js';
import { SERVICES, SERVICE_PORTS, serviceEnv, type ServiceName, type StackPlan } from './service-catalog.js';
import { SupervisedChild } from './supervisor.js';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface StackOptions {
  /** Embedded PostgreSQL data, signing keys, avatars, captured mail, secrets; default `.data`. */
  dataDir?: string;
  /** Gateway port (default 3000, or PORT); 0 picks a free one. */
  port?: number;
  /** Every service on a free port (tests, benchmarks). */
  ephemeralPorts?: boolean;
  /** Where the gateway listens; default 127.0.0.1. */
  host?: string;
  /** Port of the embedded PostgreSQL; default a free one. */
  pgPort?: number;
  /** Create the databases on this running server instead of an embedded one (e.g. TEST_DATABASE_URL). */
  postgresUrl?: string;
  /** With `postgresUrl`: prefix of the database names, dropped again by stop(). */
  temporaryDatabasePrefix?: string;
  /** Products to seed into a fresh products database; 0 for none. Default 1000. */
  seedProducts?: number;
  logFormat?: LogFormat;
  /** Receives every child log line instead of the console. */
  onLog?: LogSink;
  /**
   * Each service's output goes straight to `<logDir>/<service>.log` instead of through `onLog`,
   * unread by this process (benchmarks); the launcher's own notices still go to `onLog`.
   */
  logDir?: string;
  logLevel?: string;
  /** Extra node flags for every service process (bench/profile.ts passes `--cpu-prof`). */
  serviceNodeArgs?: string[];
  /** Environment the services inherit (default process.env); `<NAME>_DATABASE_URL`s are read from it too. */
  env?: NodeJS.ProcessEnv;
  /**
   * Settings of the bus adapter, added to every service's BUS_URL as query parameters (pg-boss:
   * `expireInSeconds`, `maintenanceIntervalSeconds`; see the platform's PgBossBus).
   */
  busUrlParams?: Record<string, string | number>;
  /**
   * Instances of users, products, orders and the gateway (the sandbox stays single), each on its
   * own port with its own pools and background workers. Default 1.
   */
  replicas?: number;
  /**
   * The bus of every service: `nats://…` for NATS JetStream; default BUS_URL from `env` (which must
   * then be a NATS URL), else pg-boss in the bus database.
   */
  busUrl?: string;
}

export const MAX_REPLICAS = 8;

export interface Stack {
  /** The first instance of each started service. */
  urls: Partial<Record<ServiceName, string>>;
  /** Every instance of each started service. */
  instances: Partial<Record<ServiceName, string[]>>;
  gatewayUrl: string;
  /** Every gateway instance (the first is gatewayUrl). */
  gatewayUrls: string[];
  /** BUS_URL of the services. */
  busUrl: string;
  /** The services that were started (a service without a main.ts yet is skipped). */
  started: ServiceName[];
  skipped: ServiceName[];
  /** Set on the first start of an empty users database, or from ADMIN_EMAIL/ADMIN_PASSWORD. */
  admin: { email: string; password: string; generated: boolean } | undefined;
  /** `bus` only when the bus is pg-boss. */
  databases: Databases['urls'];
  embeddedPostgresPort: number | undefined;
  dataDir: string;
  /** Why the seed did not run, when it should have. */
  seedProblem: string | undefined;
  /**
   * Stops a service gracefully (SIGTERM); it stays down until `startService`. `instance` (from 0)
   * picks one instance; without it, every instance.
   */
  stopService(name: ServiceName, instance?: number): Promise<void>;
  /** Starts a stopped service again, on the same port with the same environment; resolves once ready. */
  startService(name: ServiceName, instance?: number): Promise<void>;
  /**
   * Kills a service as a fault would (SIGKILL by default) and resolves once it has exited; the
   * supervisor restarts it as after any crash: `serviceRunning` resolves when it is back.
   */
  killService(name: ServiceName, signal?: NodeJS.Signals, instance?: number): Promise<void>;
  /** Resolves once the service is running (at once, or when its restart is done). */
  serviceRunning(name: ServiceName, instance?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the whole shop: PostgreSQL (embedded unless database URLs are given), then each
 * service as a supervised child in order, the gateway last; seeds a fresh database.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const env = options.env ?? process.env;
  const dataDir = resolve(options.dataDir ?? join(ROOT, '.data'));
  await assertWritable(dataDir);
  const log = options.onLog ?? consoleSink(options.logFormat ?? 'pretty');
  const notice = (message: string, level: 'info' | 'error') =>
    log('launcher', level === 'error' ? `⚠ ${message}` : message);

  if (options.logDir) await mkdir(options.logDir, { recursive: true });
  const replicas = options.replicas ?? 1;
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > MAX_REPLICAS) {
    throw new LauncherError(
      `The replicas must be a whole number from 1 to ${MAX_REPLICAS}, got ${replicas}.`,
    );
  }
  const natsUrl = options.busUrl ?? env.BUS_URL;
  if (natsUrl !== undefined && !natsUrl.startsWith('nats://')) {
    throw new LauncherError(
      `The bus URL must be a nats:// URL (pg-boss needs none: set BUS_DATABASE_URL for its database), got "${natsUrl.split('@').at(-1)}".`,
    );
  }
  const present = await presentServices();
  const { ports, pgPort } = await planPorts(options, env, present, replicas);
  const databases = await prepareDatabases({
    dataDir,
    external: externalDatabaseUrls(env),
    busDatabase: natsUrl === undefined,
    ...(options.postgresUrl ? { serverUrl: options.postgresUrl } : {}),
    ...(options.temporaryDatabasePrefix ? { prefix: options.temporaryDatabasePrefix } : {}),
    pgPort,
  });
  const admin = firstAdmin(env, databases.fresh.has('users'));
  const host = options.host ?? '127.0.0.1';
  const urls = Object.fromEntries(
    SERVICES.map((s) => [s, ports[s].map((port) => `http://127.0.0.1:${port}`)]),
  ) as Record<ServiceName, string[]>;
  const plan: StackPlan = {
    ports,
    urls,
    databases: databases.urls,
    busUrl: withParams(natsUrl ?? databases.urls.bus!, options.busUrlParams),
    secrets: await loadSecrets(dataDir, { signingKey: replicas > 1 }),
    dataDir,
    logLevel: options.logLevel ?? env.LOG_LEVEL ?? 'info',
    gatewayHost: host,
    admin: admin?.credentials,
  };

  const byName = new Map<ServiceName, SupervisedChild[]>();
  const started: ServiceName[] = [];
  const stop = async () => {
    // Reverse start order; the instances of one service stop together.
    for (const name of [...started].reverse()) {
      await Promise.all((byName.get(name) ?? []).map((child) => child.stop()));
    }
    await databases.embedded?.stop();
    await databases.drop();
    await rm(join(dataDir, 'stack.json'), { force: true });
  };

  let seeding: Promise<string | undefined> = Promise.resolve(undefined);
  try {
    for (const name of SERVICES) {
      if (!present.has(name)) {
        notice(`${name}: services/${name}/src/main.ts does not exist yet; skipping it`, 'info');
        continue;
      }
      const instances = ports[name].map((_, index) => {
        const label = ports[name].length > 1 ? `${name}-${index + 1}` : name;
        return new SupervisedChild(
          {
            name: label,
            entry: `services/${name}/src/main.ts`,
            cwd: ROOT,
            env: serviceEnv(name, plan, env, index),
            ...(options.serviceNodeArgs ? { nodeArgs: options.serviceNodeArgs } : {}),
          },
          { log, notice, ...(options.logDir ? { logFile: join(options.logDir, `${label}.log`) } : {}) },
        );
      });
      byName.set(name, instances);
      started.push(name);
      // Together, as replicas of a deployment start: their migrations take a lock and run once.
      const starting = await Promise.allSettled(instances.map((child) => child.start()));
      const failed = starting.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
      if (name === 'products' && databases.fresh.has('products')) {
        seeding = seed(databases, options.seedProducts ?? 1000, env, log);
      }
    }
  } catch (error) {
    await seeding.catch(() => undefined);
    await stop().catch(() => undefined);
    throw error;
  }
  const seedProblem = await seeding;
  if (seedProblem) notice(seedProblem, 'error');
  await writeFile(
    join(dataDir, 'stack.json'),
    JSON.stringify({ pid: process.pid, databases: databases.urls, urls: plan.urls }, null, 2),
  );

  const pick = (name: ServiceName, instance: number | undefined): SupervisedChild[] => {
    const all = byName.get(name);
    if (!all) throw new LauncherError(`${name} is not part of this stack.`);
    if (instance === undefined) return all;
    const one = all[instance];
    if (!one) throw new LauncherError(`${name} has no instance ${instance} (it has ${all.length}).`);
    return [one];
  };
  const each = async (
    name: ServiceName,
    instance: number | undefined,
    act: (c: SupervisedChild) => unknown,
  ) => void (await Promise.all(pick(name, instance).map(act)));

  return {
    urls: Object.fromEntries(started.map((name) => [name, plan.urls[name][0]])),
    instances: Object.fromEntries(started.map((name) => [name, [...plan.urls[name]]])),
    gatewayUrl: plan.urls.gateway[0]!,
    gatewayUrls: [...plan.urls.gateway],
    busUrl: plan.busUrl,
    started,
    skipped: SERVICES.filter((name) => !present.has(name)),
    admin: admin ? { ...admin.credentials, generated: admin.generated } : undefined,
    databases: databases.urls,
    embeddedPostgresPort: databases.embedded?.port,
    dataDir,
    seedProblem,
    stopService: (name, instance) => each(name, instance, (child) => child.stop()),
    startService: (name, instance) => each(name, instance, (child) => child.start()),
    killService: (name, signal, instance) => each(name, instance, (child) => child.kill(signal)),
    serviceRunning: (name, instance) => each(name, instance, (child) => child.whenRunning()),
    stop,
  };
}

/** Adds settings to a bus URL; a NATS URL may list several servers, and the first carries them. */
function withParams(url: string, params: Record<string, string | number> | undefined): string {
  if (!params || Object.keys(params).length === 0) return url;
  const [first = '', ...others] = url.split(',');
  const withThem = new URL(first);
  for (const [name, value] of Object.entries(params)) withThem.searchParams.set(name, String(value));
  return [withThem.toString(), ...others].join(',');
}

async function seed(databases: Databases, count: number, env: NodeJS.ProcessEnv, log: LogSink) {
  if (count <= 0) return undefined;
  try {
    await seedProducts(ROOT, databases.urls.products, count, env, log);
    return undefined;
  } catch (error) {
    return `The demo catalogue was not seeded (${(error as Error).message}); run \`npm run seed -- --products ${count}\` once it works.`;
  }
}

async function presentServices(): Promise<Set<ServiceName>> {
  const present = new Set<ServiceName>();
  for (const name of SERVICES) {
    if (await exists(join(ROOT, 'services', name, 'src', 'main.ts'))) present.add(name);
  }
  return present;
}

/** The first instance of each service on its usual port (or a free one), the others on free ones. */
async function planPorts(
  options: StackOptions,
  env: NodeJS.ProcessEnv,
  present: Set<ServiceName>,
  replicas: number,
) {
  const ports = {} as Record<ServiceName, number[]>;
  // A free port is free when asked, not reserved: one handed out twice would be two services' port.
  const taken = new Set<number>();
  const unusedPort = async () => {
    for (;;) {
      const port = await freePort();
      if (!taken.has(port)) return port;
    }
  };
  for (const name of SERVICES) {
    const { port: fallback, variable } = SERVICE_PORTS[name];
    const wanted =
      name === 'gateway' && options.port !== undefined
        ? options.port
        : options.ephemeralPorts
          ? 0
          : Number(env[variable] ?? fallback);
    if (!Number.isInteger(wanted) || wanted < 0 || wanted > 65535) {
      throw new LauncherError(`${variable} must be a port number, got "${env[variable]}".`);
    }
    // Fixed up front even when free ones are asked for: the services need each other's URLs,
    // and a restarted child comes back on the same port.
    const first = wanted === 0 ? await unusedPort() : wanted;
    if (wanted !== 0 && present.has(name)) {
      const hint = name === 'gateway' ? 'pass another with --port' : `set ${variable}`;
      await assertPortFree(
        first,
        name,
        hint,
        name === 'gateway' ? (options.host ?? '127.0.0.1') : '127.0.0.1',
      );
    }
    const count = name === 'payments-sandbox' ? 1 : replicas;
    ports[name] = [first];
    taken.add(first);
    while (ports[name].length < count) {
      const port = await unusedPort();
      ports[name].push(port);
      taken.add(port);
    }
  }
  // The embedded PostgreSQL's, when it is not given, kept apart from the services' too.
  const pgPort = options.pgPort ?? (await unusedPort());
  return { ports, pgPort };
}

function externalDatabaseUrls(env: NodeJS.ProcessEnv) {
  return Object.fromEntries(
    DATABASES.flatMap((name) => {
      const url = env[`${name.toUpperCase()}_DATABASE_URL`];
      return url ? [[name, url]] : [];
    }),
  ) as Partial<Record<DatabaseName, string>>;
}

async function assertWritable(dataDir: string): Promise<void> {
  try {
    await mkdir(dataDir, { recursive: true });
    const probe = join(dataDir, `.write-test-${process.pid}`);
    await writeFile(probe, '');
    await rm(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new LauncherError(
      `Cannot write the data folder ${dataDir} (${code}); choose another with --data-dir.`,
    );
  }
}
