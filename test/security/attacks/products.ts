/**
 * Products: one client making searches that cost the database a scan of the catalog, reading who
 * wrote which review, and sending what PostgreSQL cannot hold. Found on a running stack with
 * 100,000 products: a price filter off the band boundaries (or words, a brand, an attribute)
 * counted its facets over every match, ~120 ms each, and 16 loops from one address took another
 * shopper's listing from 11 ms to 485 ms; public reviews carried their author's user id;
 * `?minPrice=99999999999999999999`, `?maxPrice=1e308` and a price of 1e20 were 500s, and so was
 * PATCH /categories/{ID IN CAPITALS} with parentId the same id in lower case. Now costly searches
 * are rationed per client (here 12 a minute, 2 at a time: 429 with Retry-After) while cheap
 * listings are not counted, reviews name their author only (`mine` for the caller's own), and those
 * inputs are 4xx problems naming the field.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { createCategory, createProduct, type Product } from '../../e2e/support/catalog.js';
import type { Answer, Shop } from '../../e2e/support/shop.js';
import { asClient, tried, type AttackGroup, type Client } from '../support/attack.js';

const PASSWORD = 'a products attack passphrase 9';
const COSTLY_PER_MINUTE = 12;
const COSTLY_IN_FLIGHT = 2;

/** The admin's catalog calls, from an address of this group's own. */
async function catalogAdmin(shop: Shop) {
  const client = asClient(shop, '203.0.113.150');
  const token = await shop.adminToken();
  const asAdmin: Shop = { ...shop, call: client.call };
  const category = await createCategory(asAdmin, token, `Products attack ${randomUUID().slice(0, 6)}`);
  const product = (name: string, price: number): Promise<Product> =>
    createProduct(asAdmin, token, {
      name,
      price,
      categoryId: category.id,
      brand: 'Lever',
      onHand: 5,
      attributes: { color: 'black' },
    });
  return { client, token, category, product };
}

async function customer(client: Client, name: string) {
  const email = `${name.toLowerCase().replace(/\W+/g, '-')}-${randomUUID().slice(0, 8)}@products-attack.test`;
  const registered = await client.call('POST', '/api/v1/auth/register', {
    body: { email, password: PASSWORD, name },
  });
  assert.ok([201, 202].includes(registered.status), JSON.stringify(registered.body));
  const login = await client.call('POST', '/api/v1/auth/login', { body: { email, password: PASSWORD } });
  assert.equal(login.status, 200, JSON.stringify(login.body));
  const token = login.body.accessToken as string;
  const me = await client.call('GET', '/api/v1/users/me', { token });
  assert.equal(me.status, 200, JSON.stringify(me.body));
  return { client, token, id: me.body.id as string, name };
}

const tally = (answers: Answer[]) =>
  Object.entries(
    answers.reduce<Record<string, number>>((counts, answer) => {
      const key = `${answer.status} ${answer.body?.code ?? ''}`.trim();
      counts[key] = (counts[key] ?? 0) + 1;
      return counts;
    }, {}),
  )
    .map(([key, n]) => `${n}× ${key}`)
    .join(', ');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

function assertProblem(answer: Answer, status: number, field?: string) {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.match(answer.headers.get('content-type') ?? '', /^application\/problem\+json/);
  if (field) {
    const fields = (answer.body.errors ?? []).map((e: { field: string }) => e.field);
    assert.ok(fields.includes(field), `names ${field}: ${JSON.stringify(answer.body)}`);
  }
}

export const attacks: AttackGroup = {
  name: 'products',
  env: {
    SEARCH_COSTLY_PER_CLIENT_PER_MINUTE: String(COSTLY_PER_MINUTE),
    SEARCH_COSTLY_PER_CLIENT_CONCURRENT: String(COSTLY_IN_FLIGHT),
  },
  register(shop) {
    it("looping costly searches from one address: 429s past its budget, while another address's listings answer", async (t) => {
      const catalog = await catalogAdmin(shop());
      for (const [i, name] of ['Lever wobblepot', 'Lever teapot', 'Lever mug'].entries()) {
        await catalog.product(name, 1_234 + i);
      }
      const costly = [
        '/api/v1/products?q=wobblepot',
        '/api/v1/products?minPrice=1233',
        '/api/v1/products?brand=lever',
        '/api/v1/products?attr.color=black',
        `/api/v1/products?category=${catalog.category.slug}&minRating=1`,
      ];
      const cheap = [
        '/api/v1/products',
        `/api/v1/products?category=${catalog.category.slug}`,
        `/api/v1/products?category=${catalog.category.slug}&sort=price_asc&inStock=true`,
        '/api/v1/products?minPrice=0&maxPrice=2499',
      ];
      const attacker = asClient(shop(), '203.0.113.151');
      const shopper = asClient(shop(), '203.0.113.152');

      // 6 loops of costly searches from one address, 60 searches in all (the budget is 12).
      const attack: Answer[] = [];
      const started = performance.now();
      let sent = 0;
      const loops = Array.from({ length: 6 }, async () => {
        while (sent < 60) {
          const url = costly[sent++ % costly.length]!;
          attack.push(await attacker.call('GET', url));
        }
      });
      // Meanwhile another shopper browses.
      const browsing: { answer: Answer; ms: number }[] = [];
      const browse = (async () => {
        for (let i = 0; i < 12; i++) {
          const started = performance.now();
          const answer = await shopper.call('GET', cheap[i % cheap.length]!);
          browsing.push({ answer, ms: performance.now() - started });
        }
      })();
      await Promise.all(loops);
      // The budget refills continuously (one search per 60/12 s): what the attack's own time earned.
      const earned = Math.ceil(((performance.now() - started) / 60_000) * COSTLY_PER_MINUTE);
      await browse;

      const ok = attack.filter((a) => a.status === 200).length;
      tried(
        t,
        `60 costly searches in 6 loops from ${attacker.address} (budget ${COSTLY_PER_MINUTE}/min)`,
        tally(attack),
      );
      tried(
        t,
        `12 cheap listings from ${shopper.address} meanwhile`,
        `${tally(browsing.map((b) => b.answer))}, median ${median(browsing.map((b) => b.ms)).toFixed(0)} ms`,
      );
      const refused = attack.filter((a) => a.status === 429);
      assert.ok(refused.length > 0, 'the looping address was refused');
      assert.ok(ok <= COSTLY_PER_MINUTE + earned, `at most its budget answered (${ok})`);
      assert.ok(ok >= COSTLY_IN_FLIGHT, 'its first searches were answered');
      assert.deepEqual(
        attack.filter((a) => a.status !== 200 && a.status !== 429).map((a) => a.status),
        [],
        'nothing but answers and 429s',
      );
      for (const answer of refused) {
        assertProblem(answer, 429);
        assert.ok(
          ['costly_search_rate_limited', 'costly_searches_in_flight'].includes(answer.body.code),
          answer.body.code,
        );
        assert.ok(Number(answer.headers.get('retry-after')) >= 1, 'says when to try again');
      }
      assert.deepEqual(
        browsing.map((b) => b.answer.status),
        browsing.map(() => 200),
        'every listing of the other shopper answered',
      );

      // The attacker can still browse (cheap listings are not counted); the shopper can still search.
      const after = [await attacker.call('GET', cheap[1]!), await shopper.call('GET', costly[0]!)];
      tried(t, 'then: the attacker browses, the shopper searches', tally(after));
      assert.deepEqual(
        after.map((a) => a.status),
        [200, 200],
      );
      // The stack is shared with other groups: the word is this test's own.
      assert.equal(after[1]!.body.total, 1, 'the shopper found the wobblepot');
    });

    it('public reviews name their author only: no user id, and mine for the caller', async (t) => {
      const catalog = await catalogAdmin(shop());
      const product = await catalog.product('Lever review kettle', 4_000);
      const author = await customer(asClient(shop(), '203.0.113.153'), 'Rita Reviewer');
      const reader = await customer(asClient(shop(), '203.0.113.154'), 'Olly Onlooker');
      const written = await author.client.call('POST', `/api/v1/products/${product.id}/reviews`, {
        token: author.token,
        body: { rating: 4, title: 'Pours well', body: 'A kettle that pours.' },
      });
      assert.equal(written.status, 201, JSON.stringify(written.body));

      const path = `/api/v1/products/${product.id}/reviews`;
      const views = {
        anonymous: await reader.client.call('GET', path),
        'another customer': await reader.client.call('GET', path, { token: reader.token }),
        author: await author.client.call('GET', path, { token: author.token }),
      };
      const text = JSON.stringify(Object.values(views).map((v) => v.body));
      tried(
        t,
        `GET ${path} anonymously, as another customer and as the author`,
        `${Object.values(views)
          .map((v) => v.status)
          .join(', ')}; author id ${text.includes(author.id) ? 'SHOWN' : 'absent'}`,
      );
      for (const [who, view] of Object.entries(views)) {
        assert.equal(view.status, 200, who);
        assert.ok(!JSON.stringify(view.body).includes(author.id), `${who}: no author id`);
        const [review] = view.body.items;
        assert.equal(review.authorName, 'Rita Reviewer', who);
        assert.equal(review.userId, undefined, who);
        assert.equal(review.mine, who === 'author', `${who}: mine`);
      }
      assert.ok(!JSON.stringify(written.body).includes(author.id), 'the written review shows no id either');
    });

    it('a category made its own parent by writing its id in capitals: a 409 problem, the tree unchanged', async (t) => {
      const catalog = await catalogAdmin(shop());
      const { id } = catalog.category;
      const answer = await catalog.client.call('PATCH', `/api/v1/categories/${id.toUpperCase()}`, {
        token: catalog.token,
        body: { parentId: id },
      });
      tried(
        t,
        `PATCH /api/v1/categories/${id.toUpperCase()} {parentId: "${id}"}`,
        `${answer.status} ${answer.body.code}`,
      );
      assertProblem(answer, 409);
      assert.equal(answer.body.code, 'category_cycle');
      const tree = await catalog.client.call('GET', '/api/v1/categories');
      const root = tree.body.items.find((c: { id: string }) => c.id === id);
      assert.ok(root, 'still a root category');
      assert.equal(root.parentId, null);
    });

    it('numbers PostgreSQL cannot hold: 400 problems naming the field, nothing written', async (t) => {
      const catalog = await catalogAdmin(shop());
      const client = asClient(shop(), '203.0.113.155');
      const queries: [string, string][] = [
        ['/api/v1/products?minPrice=99999999999999999999', 'query.minPrice'],
        ['/api/v1/products?maxPrice=1e308', 'query.maxPrice'],
        ['/api/v1/products?q=kettle&maxPrice=9223372036854775808', 'query.maxPrice'],
      ];
      for (const [path, field] of queries) {
        const answer = await client.call('GET', path);
        tried(
          t,
          `GET ${path}`,
          `${answer.status} ${answer.body.code} ${answer.body.errors?.[0]?.field ?? ''}`,
        );
        assertProblem(answer, 400, field);
      }
      const sku = `HUGE-${randomUUID().slice(0, 8)}`;
      const priced = await catalog.client.call('POST', '/api/v1/products', {
        token: catalog.token,
        body: {
          sku,
          name: 'Too dear kettle',
          description: 'Priced past what a bigint holds',
          price: 1e20,
          currency: 'EUR',
          categoryId: catalog.category.id,
          brand: 'Lever',
        },
      });
      tried(t, 'POST /api/v1/products {price: 1e20}', `${priced.status} ${priced.body.code}`);
      assertProblem(priced, 400, 'body.price');
      const found = await catalog.client.call('GET', `/api/v1/products?q=dear&status=draft&status=active`, {
        token: catalog.token,
      });
      assert.equal(found.status, 200, JSON.stringify(found.body));
      assert.equal(found.body.total, 0, 'no such product was written');
    });
  },
};
