import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { PoolClient } from '@shop/platform';
import { waitFor } from '@shop/platform/testing';
import { loadConfig } from '../src/config.js';
import { createCategory, createProduct } from './support/catalog-fixtures.js';
import { startProducts, type ProductsUnderTest } from './support/products-under-test.js';

/**
 * Costly searches (text, brand, attributes, off-band prices, combined facets) are rationed per
 * client and per process and bounded in time; cheap listings are not counted. A costly search is
 * held at the database by locking search_terms, which only the typo correction of text searches
 * reads: product pages and listings do not touch it.
 */
const COSTLY = ['/api/v1/products?q=kettle', '/api/v1/products?brand=acme', '/api/v1/products?minPrice=123'];
const CHEAP = ['/api/v1/products', '/api/v1/products?category=budget', '/api/v1/products?minPrice=2500'];

async function withCatalog(env: Record<string, string>) {
  const t = await startProducts(env);
  const category = await createCategory(t, 'Budget');
  const product = await createProduct(t, { categoryId: category.id, name: 'Steel kettle', price: 3000 });
  return { t, product };
}

const get = (t: ProductsUnderTest, url: string, remoteAddress: string) =>
  t.app.inject({ url, remoteAddress });

/** Takes search_terms from everyone until `release` is called. */
async function holdSearchTerms(t: ProductsUnderTest) {
  const client: PoolClient = await t.db.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE search_terms IN ACCESS EXCLUSIVE MODE');
  return async () => {
    await client.query('COMMIT');
    client.release();
  };
}

/** Statements of the service waiting for a lock: the costly searches held at the database. */
async function waitingForLock(t: ProductsUnderTest, count: number) {
  await waitFor(async () => {
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
    );
    assert.equal(rows[0]!.n, count, `${count} searches wait at the database`);
  });
}

function assertProblem(answer: Awaited<ReturnType<typeof get>>, status: number, code: string) {
  assert.equal(answer.statusCode, status, answer.body);
  assert.match(String(answer.headers['content-type']), /^application\/problem\+json/);
  assert.equal(answer.json().code, code);
  assert.ok(Number(answer.headers['retry-after']) >= 1, 'says when to try again');
}

describe('per-client budget of costly searches per minute', () => {
  let t: ProductsUnderTest;
  before(async () => {
    ({ t } = await withCatalog({ SEARCH_COSTLY_PER_CLIENT_PER_MINUTE: '3' }));
  });
  after(() => t.close());

  test('past its budget a client gets 429 with Retry-After; cheap listings are not counted', async () => {
    for (let round = 0; round < 4; round++) {
      for (const url of CHEAP) assert.equal((await get(t, url, '203.0.113.10')).statusCode, 200, url);
    }
    for (const url of COSTLY) {
      const answer = await get(t, url, '203.0.113.10');
      assert.equal(answer.statusCode, 200, `${url}: ${answer.body}`);
    }
    const over = await get(t, '/api/v1/products?q=kettle', '203.0.113.10');
    assertProblem(over, 429, 'costly_search_rate_limited');
    assert.equal(over.json().limit, 3);
    assert.ok(Number(over.headers['retry-after']) <= 20, 'one search comes back within its share');
    // Browsing still works for that client, and another client has its own budget.
    for (const url of CHEAP) assert.equal((await get(t, url, '203.0.113.10')).statusCode, 200, url);
    assert.equal((await get(t, '/api/v1/products?q=kettle', '203.0.113.11')).statusCode, 200);
  });

  test('an IPv6 client is counted by its /64: other addresses in it share the budget', async () => {
    for (const host of ['1', '2', '3']) {
      assert.equal((await get(t, '/api/v1/products?q=kettle', `2001:db8:5:7::${host}`)).statusCode, 200);
    }
    assertProblem(
      await get(t, '/api/v1/products?q=kettle', '2001:db8:5:7::ff'),
      429,
      'costly_search_rate_limited',
    );
    assert.equal((await get(t, '/api/v1/products?q=kettle', '2001:db8:5:8::1')).statusCode, 200);
  });
});

describe('costly searches in flight', () => {
  let t: ProductsUnderTest;
  let product: { id: string };
  before(async () => {
    ({ t, product } = await withCatalog({
      SEARCH_COSTLY_PER_CLIENT_CONCURRENT: '2',
      SEARCH_COSTLY_MAX_CONCURRENT: '3',
      SEARCH_COSTLY_MAX_WAITING: '4',
      SEARCH_COSTLY_WAIT_MS: '200',
      SEARCH_STATEMENT_TIMEOUT_MS: '30000',
    }));
  });
  after(() => t.close());

  test('2 per client, 3 for the process: then 429, then a bounded wait and 503; pages still answer', async () => {
    const release = await holdSearchTerms(t);
    const held: Promise<Awaited<ReturnType<typeof get>>>[] = [];
    try {
      held.push(get(t, '/api/v1/products?q=kettle', '198.51.100.20'));
      held.push(get(t, '/api/v1/products?q=steel', '198.51.100.20'));
      await waitingForLock(t, 2);
      assertProblem(
        await get(t, '/api/v1/products?q=kettle', '198.51.100.20'),
        429,
        'costly_searches_in_flight',
      );

      held.push(get(t, '/api/v1/products?q=kettle', '198.51.100.21'));
      await waitingForLock(t, 3);
      // The process is full: a fourth waits its turn (200 ms here), then is refused.
      assertProblem(await get(t, '/api/v1/products?q=kettle', '198.51.100.22'), 503, 'search_busy');
      await waitingForLock(t, 3);

      // Everyone else is served meanwhile: listings and product pages have their connections.
      for (const url of [...CHEAP, `/api/v1/products/${product.id}`]) {
        assert.equal((await get(t, url, '198.51.100.22')).statusCode, 200, url);
      }
    } finally {
      await release();
    }
    for (const answer of await Promise.all(held)) assert.equal(answer.statusCode, 200, answer.body);
    // Every turn was given back.
    for (const address of ['198.51.100.20', '198.51.100.21', '198.51.100.22']) {
      assert.equal((await get(t, '/api/v1/products?q=kettle', address)).statusCode, 200, address);
    }
  });
});

describe('statement timeout of costly searches', () => {
  let t: ProductsUnderTest;
  before(async () => {
    ({ t } = await withCatalog({ SEARCH_STATEMENT_TIMEOUT_MS: '300', SEARCH_COSTLY_MAX_CONCURRENT: '1' }));
  });
  after(() => t.close());

  test('a statement past the limit is stopped: 503 search_timed_out, and its turn is given back', async () => {
    const release = await holdSearchTerms(t);
    try {
      const answer = await get(t, '/api/v1/products?q=kettle', '198.51.100.30');
      assertProblem(answer, 503, 'search_timed_out');
      assert.doesNotMatch(answer.body, /statement|cancel/i, 'no database message leaks');
    } finally {
      await release();
    }
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND state = 'idle in transaction'`,
    );
    assert.equal(rows[0]!.n, 0, 'the search transaction was ended');
    // The only turn of the process was given back; a timeout does not outlive its search.
    const after = await get(t, '/api/v1/products?q=kettle', '198.51.100.30');
    assert.equal(after.statusCode, 200, after.body);
    assert.equal(after.json().total, 1);
  });
});

test('SEARCH_COSTLY_MAX_CONCURRENT must leave connections to the rest of the service', () => {
  const env = {
    DATABASE_URL: 'postgres://unused/db',
    BUS_URL: 'postgres://unused/bus',
    JWKS_URL: 'http://unused',
  };
  assert.throws(
    () => loadConfig({ ...env, DATABASE_POOL_SIZE: '4', SEARCH_COSTLY_MAX_CONCURRENT: '4' }),
    /SEARCH_COSTLY_MAX_CONCURRENT \(4\) must be below DATABASE_POOL_SIZE \(4\)/,
  );
  assert.equal(
    loadConfig({ ...env, DATABASE_POOL_SIZE: '5', SEARCH_COSTLY_MAX_CONCURRENT: '4' })
      .SEARCH_COSTLY_MAX_CONCURRENT,
    4,
  );
});
