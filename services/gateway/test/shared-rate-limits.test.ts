import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, connect as netConnect, type AddressInfo, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { request } from 'undici';
import { waitFor, listening } from '@shop/platform/testing';
import { loadConfig } from '../src/config.js';
import { MemoryRateLimitStore, type BudgetMaxima } from '../src/edge/rate-limit-store.js';
import { RedisRateLimitStore, type StoreLog } from '../src/edge/redis-rate-limit-store.js';
import { startGateway, type GatewayUnderTest } from './support/gateway-under-test.js';

/**
 * The budgets shared by replicas, against a real Redis: REDIS_URL, or the one on 127.0.0.1:6379
 * when it answers. Skipped (saying so) when none is there, unless REQUIRE_EXTERNAL_SERVICES=1
 * (CI, which runs Redis, sets it). The fallback to memory needs no Redis and always runs.
 */
const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const required = process.env.REQUIRE_EXTERNAL_SERVICES === '1';
const reachable = await listening(url, 6379);
if (required) assert.ok(reachable, `Redis is required but does not answer at ${url}`);
if (!reachable) {
  console.warn(
    `\n!!! SKIPPING the shared rate-limit tests: no Redis answers at ${url}. Start one or set REDIS_URL;` +
      ' REQUIRE_EXTERNAL_SERVICES=1 makes this a failure.\n',
  );
}

/** A separate key space per run, so parallel runs against one Redis never see each other's counts. */
const prefix = `test:rl:${randomUUID().slice(0, 8)}:`;
const maxima: BudgetMaxima = { general: 3, auth: 2, webhook: 5 };

interface Logged {
  warnings: string[];
  infos: string[];
  log: StoreLog;
}
function capturingLog(): Logged {
  const logged: Logged = {
    warnings: [],
    infos: [],
    log: {
      warn: (_details, message) => void logged.warnings.push(message),
      info: (_details, message) => void logged.infos.push(message),
    },
  };
  return logged;
}

/** A timeout long enough for a loaded CI machine, where an answer is expected from Redis. */
const PATIENT_MS = '2000';

function redisStore(
  redisUrl: string,
  log: StoreLog,
  extra: { windowMs?: number; commandTimeoutMs?: number } = {},
) {
  return new RedisRateLimitStore({
    url: redisUrl,
    keyPrefix: prefix,
    maxima,
    fallback: new MemoryRateLimitStore(maxima, 1000),
    log,
    commandTimeoutMs: Number(PATIENT_MS),
    pauseAfterFailureMs: 300,
    ...extra,
  });
}

const from = (client: string) => ({ headers: { 'x-forwarded-for': client } });

async function statusesOf(gw: GatewayUnderTest, client: string, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    const response = await request(`${gw.url}/api/v1/products`, from(client));
    await response.body.dump();
    statuses.push(response.statusCode);
  }
  return statuses;
}

describe('shared rate limits in Redis', { skip: reachable ? false : `no Redis at ${url}` }, () => {
  let redis: Redis;
  let a: GatewayUnderTest;
  let b: GatewayUnderTest;
  const replicaEnv = {
    RATE_LIMIT_PER_MINUTE: '10',
    AUTH_RATE_LIMIT_PER_MINUTE: '2',
    TRUSTED_PROXIES: '127.0.0.1',
    RATE_LIMIT_REDIS_URL: url,
    RATE_LIMIT_REDIS_PREFIX: prefix,
    // A count that fell back to memory on a loaded machine would make the exact counts below flaky.
    RATE_LIMIT_REDIS_TIMEOUT_MS: PATIENT_MS,
  };

  /** Until its store is connected a replica counts in memory: wait until one request lands in Redis. */
  async function countsInRedis(gw: GatewayUnderTest): Promise<void> {
    await waitFor(async () => {
      const probe = `192.0.2.${Math.floor(Math.random() * 250) + 1}`;
      await (await request(`${gw.url}/api/v1/products`, from(probe))).body.dump();
      assert.equal(await redis.exists(`${prefix}general:${probe}`), 1);
    });
  }

  before(async () => {
    redis = new Redis(url);
    [a, b] = await Promise.all([startGateway(replicaEnv), startGateway(replicaEnv)]);
    await countsInRedis(a);
    await countsInRedis(b);
  });
  after(async () => {
    await Promise.all([a?.close(), b?.close()]);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it("splits one client's budget between two replicas: 6 through each of them, 10 pass", async () => {
    const client = '203.0.113.10';
    const throughA = await statusesOf(a, client, 6);
    const throughB = await statusesOf(b, client, 6);
    assert.deepEqual(throughA, [200, 200, 200, 200, 200, 200]);
    assert.deepEqual(throughB, [200, 200, 200, 200, 429, 429]);

    const refused = await request(`${a.url}/api/v1/products`, from(client));
    assert.equal(refused.statusCode, 429, 'A knows what B counted');
    assert.match(String(refused.headers['content-type']), /^application\/problem\+json/);
    const wait = Number(refused.headers['retry-after']);
    assert.ok(wait >= 1 && wait <= 60, `Retry-After ${wait}`);
    const problem = (await refused.body.json()) as { code: string; detail: string };
    assert.equal(problem.code, 'too_many_requests');
    assert.match(problem.detail, /More than 10 requests a minute/);
    const reached = [...a.products.seen, ...b.products.seen].filter(
      (seen) => seen.headers['x-forwarded-for'] === client,
    );
    assert.equal(reached.length, 10, 'the refused ones never reached products');
  });

  it('keeps separate budgets per client and per budget', async () => {
    assert.deepEqual(await statusesOf(a, '203.0.113.20', 11).then((s) => s.slice(9)), [200, 429]);
    assert.deepEqual(await statusesOf(b, '203.0.113.21', 1), [200], 'another client has its own budget');
    const logins: number[] = [];
    for (const gw of [a, b, a]) {
      const response = await request(`${gw.url}/api/v1/auth/login`, {
        method: 'POST',
        ...from('203.0.113.20'),
      });
      await response.body.dump();
      logins.push(response.statusCode);
    }
    assert.deepEqual(logins, [201, 201, 429], 'the auth budget is separate, and shared too');
    assert.equal(await redis.get(`${prefix}general:203.0.113.20`), '11');
    assert.equal(await redis.get(`${prefix}auth:203.0.113.20`), '3');
  });

  it("lets a window's keys expire with it, so Redis holds only the current window's clients", async () => {
    const ttl = await redis.pttl(`${prefix}general:203.0.113.10`);
    assert.ok(ttl > 0 && ttl <= 60_000, `PTTL ${ttl}`);

    const logged = capturingLog();
    const store = redisStore(url, logged.log, { windowMs: 300 });
    try {
      await waitFor(async () => {
        await store.hit('webhook', 'warm-up');
        assert.equal(await redis.exists(`${prefix}webhook:warm-up`), 1);
      });
      const hits = [];
      for (let i = 0; i < 4; i++) hits.push(await store.hit('general', 'short-window'));
      assert.deepEqual(hits, [0, 0, 0, 1], 'at least one second to wait');
      const key = `${prefix}general:short-window`;
      const left = await redis.pttl(key);
      assert.ok(left > 0 && left <= 300, `PTTL ${left}`);
      await waitFor(async () => assert.equal(await redis.exists(key), 0), { timeoutMs: 2000 });
      assert.equal(await store.hit('general', 'short-window'), 0, 'the next window starts from zero');
    } finally {
      await store.close();
    }
  });

  it('answers from memory, fast, while Redis is slow, and uses Redis again once it answers', async () => {
    const proxy = await startPausableProxy(new URL(url));
    const logged = capturingLog();
    const store = redisStore(proxy.url, logged.log, { commandTimeoutMs: 300 });
    try {
      await waitFor(async () => {
        await store.hit('general', 'probe');
        assert.equal(await redis.exists(`${prefix}general:probe`), 1);
      });
      logged.warnings.length = 0;
      logged.infos.length = 0;
      proxy.pause();
      const started = performance.now();
      assert.equal(await store.hit('general', 'slow'), 0, 'counted by the fallback');
      const took = performance.now() - started;
      assert.ok(took < 1000, `waited ${took.toFixed(0)} ms for a stalled Redis`);
      assert.equal(logged.warnings.length, 1);
      const meanwhile = [1, 2, 3].map(() => store.hit('general', 'slow'));
      assert.deepEqual(meanwhile, [0, 0, 60], 'right after a failure: memory, synchronously, still limited');
      assert.equal(logged.warnings.length, 1, 'one warning, not one a request');

      proxy.resume();
      await waitFor(async () => {
        await store.hit('general', 'back');
        assert.equal(await redis.exists(`${prefix}general:back`), 1);
      });
      assert.deepEqual(logged.infos, [
        'Redis of the shared rate limits answers again: budgets are shared again',
      ]);
    } finally {
      await store.close();
      await proxy.close();
    }
  });
});

describe('shared rate limits when Redis is unreachable', () => {
  let gw: GatewayUnderTest;
  before(async () => {
    gw = await startGateway({
      RATE_LIMIT_PER_MINUTE: '3',
      TRUSTED_PROXIES: '127.0.0.1',
      RATE_LIMIT_REDIS_URL: 'redis://127.0.0.1:1',
      RATE_LIMIT_REDIS_PREFIX: prefix,
    });
  });
  after(() => gw.close());

  it("falls back to this replica's memory: still limited, never a 5xx, and fast", async () => {
    const started = performance.now();
    const statuses = await statusesOf(gw, '203.0.113.30', 5);
    const took = performance.now() - started;
    assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
    assert.ok(took < 1000, `5 requests took ${took.toFixed(0)} ms`);
    const refused = await request(`${gw.url}/api/v1/products`, from('203.0.113.30'));
    await refused.body.dump();
    assert.equal(refused.statusCode, 429);
    assert.ok(Number(refused.headers['retry-after']) >= 1);
    assert.deepEqual(await statusesOf(gw, '203.0.113.31', 1), [200], 'another client has its own budget');
  });

  it('answers synchronously from memory and warns once, not once a request', async () => {
    const logged = capturingLog();
    const store = redisStore('redis://127.0.0.1:1', logged.log);
    try {
      const answers: (number | Promise<number>)[] = [];
      const until = Date.now() + 300;
      while (Date.now() < until) {
        answers.push(store.hit('auth', 'unreachable'));
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.ok(
        answers.every((answer) => typeof answer === 'number'),
        'no promise, no wait',
      );
      assert.deepEqual(answers.slice(0, 3), [0, 0, 60]);
      assert.equal(logged.warnings.length, 1);
    } finally {
      await store.close();
    }
  });

  it('refuses a RATE_LIMIT_REDIS_URL that is not redis:// or rediss://', () => {
    const env = { USERS_URL: 'http://u', PRODUCTS_URL: 'http://p', ORDERS_URL: 'http://o' };
    assert.throws(
      () => loadConfig({ ...env, RATE_LIMIT_REDIS_URL: 'http://127.0.0.1:6379' }),
      /RATE_LIMIT_REDIS_URL/,
    );
    const config = loadConfig({
      ...env,
      RATE_LIMIT_REDIS_URL: 'rediss://:secret@redis.internal:6380/2',
    });
    assert.equal(config.RATE_LIMIT_REDIS_PREFIX, 'shop:rl:');
  });
});

/** A TCP proxy to Redis that can hold what the client sends (a Redis that stalls) and then let it through. */
async function startPausableProxy(target: URL) {
  let paused = false;
  const held: (() => void)[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = netConnect({ host: target.hostname, port: Number(target.port || 6379) });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk) => {
      if (paused) held.push(() => upstream.write(chunk));
      else upstream.write(chunk);
    });
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    pause: () => void (paused = true),
    resume() {
      paused = false;
      for (const write of held.splice(0)) write();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
