import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { PRICE_BANDS } from '../src/domain/search-cost.js';
import { createCategory, createProduct, setStock } from './support/catalog-fixtures.js';
import { bearer, startProducts, type ProductsUnderTest } from './support/products-under-test.js';

let t: ProductsUnderTest;
const ids: Record<string, string> = {};
const categories: Record<string, string> = {};

async function review(productId: string, rating: number) {
  const token = await t.issuer.userToken(randomUUID(), ['customer'], 'Reviewer');
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/v1/products/${productId}/reviews`,
    headers: bearer(token),
    payload: { rating, title: 'Review', body: 'A review.' },
  });
  assert.equal(response.statusCode, 201, response.body);
}

before(async () => {
  t = await startProducts();
  const electronics = await createCategory(t, 'Electronics');
  const audio = await createCategory(t, 'Audio', electronics.id);
  categories.headphones = (await createCategory(t, 'Headphones', audio.id)).id;
  categories.speakers = (await createCategory(t, 'Speakers', audio.id)).id;
  categories.kitchen = (await createCategory(t, 'Kitchen')).id;
  const catalog = [
    ['sonyHeadphones', 'Sony Wireless Headphones', 'Sony', 20000, 'headphones', { color: 'black' }, 5, [5]],
    ['boseHeadphones', 'Bose Wireless Headphones', 'Bose', 30000, 'headphones', { color: 'white' }, 0, [3]],
    ['sonySpeaker', 'Sony Bluetooth Speaker', 'Sony', 8000, 'speakers', { color: 'black' }, 10, [4]],
    ['jblSpeaker', 'JBL Party Speaker', 'JBL', 12000, 'speakers', { color: 'red' }, 2, []],
    ['knife', 'Chef Knife', 'Wusthof', 9000, 'kitchen', { color: 'silver' }, 1, []],
  ] as const;
  for (const [key, name, brand, price, category, attributes, stock, ratings] of catalog) {
    const product = await createProduct(t, {
      name,
      brand,
      price,
      categoryId: categories[category]!,
      attributes,
    });
    ids[key] = product.id;
    if (stock > 0) await setStock(t, product.id, stock);
    for (const rating of ratings) await review(product.id, rating);
  }
  ids.draft = (
    await createProduct(t, {
      name: 'Secret Headphones',
      brand: 'Sony',
      categoryId: categories.headphones!,
      status: 'draft',
    })
  ).id;
});
after(() => t.close());

const search = async (query: string, headers = {}) => {
  const response = await t.app.inject({ url: `/api/v1/products?${query}`, headers });
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
};
const names = (body: { items: { name: string }[] }) => body.items.map((p) => p.name).sort();

describe('finding products', () => {
  test('words match name, brand and description; drafts stay hidden', async () => {
    const body = await search('q=headphones');
    assert.deepEqual(names(body), ['Bose Wireless Headphones', 'Sony Wireless Headphones']);
    assert.equal(body.total, 2);
    assert.equal(body.correctedQuery, undefined);
    assert.deepEqual(names(await search('q=sony')), ['Sony Bluetooth Speaker', 'Sony Wireless Headphones']);
  });

  test('a typo is corrected to a word of the catalog and said so', async () => {
    const body = await search('q=hedphones%20sonny');
    assert.equal(body.correctedQuery, 'headphones sony');
    assert.deepEqual(names(body), ['Sony Wireless Headphones']);
  });

  test('a category includes its subcategories, by slug or id', async () => {
    assert.equal((await search('category=electronics')).total, 4);
    assert.equal((await search('category=audio')).total, 4);
    assert.equal((await search(`category=${categories.speakers}`)).total, 2);
    assert.equal((await search('category=no-such-category')).total, 0);
  });

  test('repeated values of a filter are OR, different filters AND', async () => {
    assert.deepEqual(names(await search('brand=sony&brand=BOSE')), [
      'Bose Wireless Headphones',
      'Sony Bluetooth Speaker',
      'Sony Wireless Headphones',
    ]);
    assert.deepEqual(names(await search('brand=sony&category=speakers')), ['Sony Bluetooth Speaker']);
    assert.deepEqual(names(await search('attr.color=black&attr.color=RED')), [
      'JBL Party Speaker',
      'Sony Bluetooth Speaker',
      'Sony Wireless Headphones',
    ]);
    assert.deepEqual(names(await search('attr.color=black&category=headphones')), [
      'Sony Wireless Headphones',
    ]);
  });

  test('price range, minimum rating and stock', async () => {
    assert.deepEqual(names(await search('minPrice=9000&maxPrice=20000')), [
      'Chef Knife',
      'JBL Party Speaker',
      'Sony Wireless Headphones',
    ]);
    assert.deepEqual(names(await search('minRating=4')), [
      'Sony Bluetooth Speaker',
      'Sony Wireless Headphones',
    ]);
    assert.equal((await search('inStock=true')).total, 4);
    assert.ok((await search('inStock=true')).items.every((p: { inStock: boolean }) => p.inStock));
  });

  test('admins may list drafts; customers may not ask for them', async () => {
    const drafts = await search('status=draft', bearer(t.adminToken));
    assert.deepEqual(names(drafts), ['Secret Headphones']);
    const refused = await t.app.inject({
      url: '/api/v1/products?status=draft',
      headers: bearer(t.customerToken),
    });
    assert.equal(refused.statusCode, 403);
  });
});

describe('facets', () => {
  const counts = (list: { count: number }[], key: (f: never) => string) =>
    Object.fromEntries(list.map((f) => [key(f as never), f.count]));

  for (const [path, extra] of [
    ['pre-aggregated (no words)', ''],
    [
      'counted from the matches (with an attribute filter)',
      '&attr.color=black&attr.color=white&attr.color=red&attr.color=silver',
    ],
  ] as const) {
    test(`each facet ignores its own filter and obeys the others: ${path}`, async () => {
      const body = await search(`brand=sony&minPrice=0&maxPrice=24999${extra}`);
      assert.deepEqual(names(body), ['Sony Bluetooth Speaker', 'Sony Wireless Headphones']);
      const { facets } = body;
      // Brands ignore brand=sony but keep the price limit (Bose at 300.00 is out).
      assert.deepEqual(
        counts(facets.brands, (f: { value: string }) => f.value),
        { JBL: 1, Sony: 2, Wusthof: 1 },
      );
      // Categories and price bands are counted for Sony only.
      assert.deepEqual(
        counts(facets.categories, (f: { slug: string }) => f.slug),
        { headphones: 1, speakers: 1 },
      );
      assert.deepEqual(
        counts(facets.priceBands, (f: { min: number }) => String(f.min)),
        { 5000: 1, 10000: 1 },
      );
      assert.deepEqual(
        counts(facets.ratings, (f: { minRating: number }) => String(f.minRating)),
        {
          4: 2,
          3: 2,
          2: 2,
          1: 2,
        },
      );
      assert.equal(body.total, 2);
    });
  }

  test('price bands in the database are the ones the API describes', async () => {
    const { rows } = await t.db.query('SELECT b, price_band(b) AS band FROM unnest($1::bigint[]) AS b', [
      PRICE_BANDS,
    ]);
    assert.deepEqual(
      rows.map((r) => r.band),
      PRICE_BANDS.map((_, i) => i + 1),
    );
  });

  test('the pre-aggregated counts follow every change that moves a product between facets', async () => {
    await setStock(t, ids.knife!, 0);
    await review(ids.jblSpeaker!, 2);
    const current = await t.app.inject({
      url: `/api/v1/products/${ids.boseHeadphones}`,
      headers: bearer(t.adminToken),
    });
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/products/${ids.boseHeadphones}`,
      headers: { ...bearer(t.adminToken), 'if-match': String(current.headers.etag) },
      payload: { price: 4000, brand: 'Bose Audio' },
    });
    const { rows } = await t.db.query(`
      SELECT count(*)::int AS differences FROM (
        (SELECT status, category_id, brand, price_band(price), floor(rating_average)::smallint, in_stock, count(*)::int
         FROM products GROUP BY 1, 2, 3, 4, 5, 6
         EXCEPT SELECT status, category_id, brand, price_band, rating_floor, in_stock, products FROM facet_counts)
        UNION ALL
        (SELECT status, category_id, brand, price_band, rating_floor, in_stock, products FROM facet_counts WHERE products <> 0
         EXCEPT SELECT status, category_id, brand, price_band(price), floor(rating_average)::smallint, in_stock, count(*)::int
         FROM products GROUP BY 1, 2, 3, 4, 5, 6)) d`);
    assert.equal(rows[0].differences, 0);
    const inStock = await search('inStock=true');
    assert.ok(!names(inStock).includes('Chef Knife'));
    assert.deepEqual((await search('brand=bose%20audio')).facets.priceBands, [
      { min: 2500, max: 5000, count: 1 },
    ]);
  });
});

describe('sorting and paging', () => {
  const walk = async (query: string) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const body = await search(`${query}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      seen.push(...body.items.map((p: { name: string }) => p.name));
      cursor = body.nextCursor;
    } while (cursor);
    return seen;
  };

  test('every sort pages through everything exactly once', async () => {
    const byPrice = await walk('sort=price_asc');
    assert.equal(byPrice.length, 5);
    assert.equal(new Set(byPrice).size, 5);
    const prices = await walk('sort=price_desc');
    assert.deepEqual(prices, [...byPrice].reverse());
    const rated = await walk('sort=rating');
    assert.deepEqual(rated.slice(0, 2), ['Sony Wireless Headphones', 'Sony Bluetooth Speaker']);
    const newest = await walk('sort=newest');
    assert.equal(newest.length, 5);
    const relevance = await walk('q=wireless%20headphones');
    assert.equal(relevance.length, 2);
  });

  test('a cursor stays valid when products are added: nothing repeats, nothing is skipped', async () => {
    const first = await search('sort=price_asc&limit=2');
    await createProduct(t, { name: 'Cheap Cable', categoryId: categories.kitchen!, price: 100 });
    await createProduct(t, { name: 'Mid Cable', categoryId: categories.kitchen!, price: 15000 });
    const rest: string[] = [];
    let cursor: string | null = first.nextCursor;
    while (cursor) {
      const body = await search(`sort=price_asc&limit=2&cursor=${encodeURIComponent(cursor)}`);
      rest.push(...body.items.map((p: { name: string }) => p.name));
      cursor = body.nextCursor;
    }
    const all = [...first.items.map((p: { name: string }) => p.name), ...rest];
    assert.equal(new Set(all).size, all.length, 'no repeats');
    assert.ok(!all.includes('Cheap Cable'), 'an insert before the cursor is not seen on later pages');
    assert.ok(all.includes('Mid Cable'), 'an insert after the cursor is');
    for (const existing of [
      'Sony Bluetooth Speaker',
      'Chef Knife',
      'JBL Party Speaker',
      'Sony Wireless Headphones',
    ]) {
      assert.ok(all.includes(existing), `${existing} is not skipped`);
    }
  });
});

describe('bad searches are clear 400s naming the parameter', () => {
  const cases: [string, string][] = [
    ['colour=red', 'query.colour'],
    ['attr.Color=red', 'query.attr.Color'],
    ['minPrice=-1', 'query.minPrice'],
    ['maxPrice=abc', 'query.maxPrice'],
    ['minPrice=500&maxPrice=100', 'query.maxPrice'],
    ['limit=101', 'query.limit'],
    ['limit=0', 'query.limit'],
    ['minRating=6', 'query.minRating'],
    ['sort=cheapest', 'query.sort'],
    ['cursor=not-a-cursor', 'query.cursor'],
    [`q=${'a'.repeat(201)}`, 'query.q'],
    [`brand=${'x'.repeat(101)}`, 'query.brand.0'],
  ];
  for (const [query, field] of cases) {
    test(query.length > 40 ? `${query.slice(0, 40)}…` : query, async () => {
      const response = await t.app.inject({ url: `/api/v1/products?${query}` });
      assert.equal(response.statusCode, 400, response.body);
      assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.equal(response.json().errors[0].field, field);
    });
  }

  test('a cursor from another sort, or with a tampered key, is refused', async () => {
    const page = await search('sort=price_asc&limit=1');
    const other = await t.app.inject({ url: `/api/v1/products?sort=newest&cursor=${page.nextCursor}` });
    assert.equal(other.statusCode, 400);
    const tampered = Buffer.from(
      JSON.stringify({ s: 'price_asc', k: ['1; DROP TABLE products', randomUUID()] }),
    ).toString('base64url');
    const injected = await t.app.inject({ url: `/api/v1/products?sort=price_asc&cursor=${tampered}` });
    assert.equal(injected.statusCode, 400);
    assert.equal(injected.json().errors[0].field, 'query.cursor');
  });
});

describe('suggestions', () => {
  test('products whose name or brand words start like what is typed', async () => {
    const response = await t.app.inject({ url: '/api/v1/products/suggest?q=sony%20head' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(
      response.json().items.map((s: { name: string }) => s.name),
      ['Sony Wireless Headphones'],
    );
    const byBrandPrefix = await t.app.inject({ url: '/api/v1/products/suggest?q=so' });
    assert.deepEqual(
      byBrandPrefix
        .json()
        .items.map((s: { name: string }) => s.name)
        .sort(),
      ['Sony Bluetooth Speaker', 'Sony Wireless Headphones'],
    );
    const tooShort = await t.app.inject({ url: '/api/v1/products/suggest?q=s' });
    assert.equal(tooShort.statusCode, 400);
    assert.equal(tooShort.json().errors[0].field, 'query.q');
  });
});
