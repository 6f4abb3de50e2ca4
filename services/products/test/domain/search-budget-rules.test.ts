import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError } from '@shop/platform';
import { searchBudget, type SearchBudgetLimits } from '../../src/domain/search-budget.js';
import { searchCost, type SearchShape } from '../../src/domain/search-cost.js';

const browse: SearchShape = {
  words: [],
  categories: [],
  brands: [],
  minPrice: undefined,
  maxPrice: undefined,
  minRating: undefined,
  attributes: {},
  statuses: ['active'],
};

describe('search cost from the shape of the query', () => {
  test('browsing the catalog or one facet, with stock, is cheap', () => {
    for (const shape of [
      browse,
      { ...browse, categories: ['audio'] },
      { ...browse, categories: ['audio', 'books'] },
      { ...browse, minPrice: 2_500, maxPrice: 4_999 },
      { ...browse, minPrice: 250_000 },
      { ...browse, maxPrice: 2_499 },
      { ...browse, minRating: 4 },
    ]) {
      assert.equal(searchCost(shape), 'cheap', JSON.stringify(shape));
    }
  });

  test('words, brands, attributes, off-band prices, combined facets and drafts are costly', () => {
    for (const shape of [
      { ...browse, words: ['kettle'] },
      { ...browse, brands: ['sony'] },
      { ...browse, attributes: { color: ['black'] } },
      { ...browse, minPrice: 12_345 },
      { ...browse, maxPrice: 2_500 },
      { ...browse, categories: ['audio'], minPrice: 250_000 },
      { ...browse, categories: ['audio'], minRating: 4 },
      { ...browse, minPrice: 2_500, minRating: 4 },
      { ...browse, statuses: ['draft'] },
      { ...browse, statuses: ['active', 'archived'] },
    ] satisfies SearchShape[]) {
      assert.equal(searchCost(shape), 'costly', JSON.stringify(shape));
    }
  });
});

describe('search budget', () => {
  const limits: SearchBudgetLimits = {
    perClientConcurrent: 2,
    perClientPerMinute: 3,
    processConcurrent: 2,
    waitMs: 50,
    maxWaiting: 1,
  };
  const refusal = async (attempt: Promise<unknown>) => {
    const error = await attempt.then(
      () => assert.fail('admitted'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof AppError, String(error));
    return { code: error.code, status: error.status, retryAfter: error.retryAfterSeconds };
  };

  test('each client has a bucket of searches per minute, refilled continuously', async () => {
    let now = 1_000_000;
    const budget = searchBudget(limits, () => now);
    for (let i = 0; i < 3; i++) (await budget.admit('198.51.100.1'))();
    assert.deepEqual(await refusal(budget.admit('198.51.100.1')), {
      code: 'costly_search_rate_limited',
      status: 429,
      retryAfter: 20,
    });
    (await budget.admit('198.51.100.2'))(); // another client has its own
    now += 19_000;
    assert.equal((await refusal(budget.admit('198.51.100.1'))).retryAfter, 1);
    now += 1_000;
    (await budget.admit('198.51.100.1'))();
    assert.equal((await refusal(budget.admit('198.51.100.1'))).code, 'costly_search_rate_limited');
  });

  test('a client has at most so many in flight; a refusal for that spends nothing', async () => {
    const budget = searchBudget({ ...limits, processConcurrent: 10 });
    const first = await budget.admit('198.51.100.3');
    const second = await budget.admit('198.51.100.3');
    assert.deepEqual(await refusal(budget.admit('198.51.100.3')), {
      code: 'costly_searches_in_flight',
      status: 429,
      retryAfter: 1,
    });
    first();
    first(); // twice changes nothing
    const third = await budget.admit('198.51.100.3');
    assert.equal((await refusal(budget.admit('198.51.100.3'))).code, 'costly_searches_in_flight');
    second();
    third();
    // Three spent of three: the refusals above were not counted.
    assert.equal((await refusal(budget.admit('198.51.100.3'))).code, 'costly_search_rate_limited');
  });

  test('the process runs so many at once; the next waits its turn, later ones are refused', async () => {
    const budget = searchBudget({ ...limits, waitMs: 60_000 });
    const a = await budget.admit('198.51.100.4');
    const b = await budget.admit('198.51.100.5');
    let waited = false;
    const c = budget.admit('198.51.100.6').then((release) => {
      waited = true;
      return release;
    });
    // One may wait; the one after it is refused at once, with Retry-After.
    assert.deepEqual(await refusal(budget.admit('198.51.100.7')), {
      code: 'search_busy',
      status: 503,
      retryAfter: 1,
    });
    assert.equal(waited, false);
    a();
    (await c)();
    assert.equal(waited, true);
    b();
    (await budget.admit('198.51.100.7'))();
  });

  test('a wait for a turn is bounded: then 503, and the client is not left in flight', async () => {
    const budget = searchBudget({ ...limits, processConcurrent: 1, perClientConcurrent: 1 });
    const running = await budget.admit('198.51.100.8');
    assert.equal((await refusal(budget.admit('198.51.100.9'))).code, 'search_busy');
    running();
    (await budget.admit('198.51.100.9'))();
  });
});
