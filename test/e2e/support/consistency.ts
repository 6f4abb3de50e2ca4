/**
 * Every consumer's effect happened exactly once: each projection agrees with the facts it was
 * built from (the orders as the orders service tells them, the catalog and reviews as products
 * keeps them), and every derived number equals what those facts imply, so an event that was
 * lost, or counted twice, shows. The derivations follow the services' READMEs (users:
 * Recommendations and Notifications; products: Design).
 */
import assert from 'node:assert/strict';
import type { Customer } from './customers.js';
import type { ShopDatabases } from './databases.js';
import { api, bodyOf } from './api.js';
import type { Shop } from './shop.js';

interface OrderFacts {
  id: string;
  userId: string;
  status: string;
  /** Reached `paid` at some point. */
  paid: boolean;
  shipped: boolean;
  delivered: boolean;
  lines: { productId: string; quantity: number }[];
}

export async function assertEffectsExactlyOnce(
  shop: Shop,
  databases: ShopDatabases,
  admin: string,
  customers: Customer[],
): Promise<void> {
  const orders = await allOrders(shop, admin);
  await assertUsersProjections(databases, orders);
  await assertMails(shop, databases, orders, customers);
  await assertProductsProjections(databases, orders);
  await assertOrdersProjections(databases);
}

async function allOrders(shop: Shop, admin: string): Promise<OrderFacts[]> {
  const page = await api(shop, 'get', '/api/v1/orders', { token: admin, query: { limit: 100 }, expect: 200 });
  assert.equal(page.body.nextCursor, null, 'one page holds every order of the test');
  const orders: OrderFacts[] = [];
  for (const { id } of page.body.items) {
    const order = bodyOf(await api(shop, 'get', '/api/v1/orders/{id}', { token: admin, params: { id } }));
    const reached = new Set<string>(order.timeline.map((entry) => entry.status));
    orders.push({
      id,
      userId: order.userId,
      status: order.status,
      paid: reached.has('paid'),
      shipped: reached.has('shipped'),
      delivered: reached.has('delivered'),
      lines: order.lines.map((line) => ({ productId: line.productId, quantity: line.quantity })),
    });
  }
  return orders;
}

const sorted = <T>(items: T[]) => items.map((item) => JSON.stringify(item)).sort();

async function assertUsersProjections(databases: ShopDatabases, orders: OrderFacts[]) {
  const purchases = await databases.rows(
    'users',
    `SELECT order_id, product_id, user_id, quantity FROM purchases`,
  );
  assert.deepEqual(
    sorted(purchases),
    sorted(
      orders
        .filter((o) => o.paid)
        .flatMap((o) =>
          o.lines.map((l) => ({
            order_id: o.id,
            product_id: l.productId,
            user_id: o.userId,
            quantity: l.quantity,
          })),
        ),
    ),
    'users: one purchase line per paid order line',
  );
  // Popularity: the sum of the recency weights of a product's purchase lines.
  const popularity = await databases.rows(
    'users',
    `SELECT product_id, c.popularity, p.expected FROM catalog_products c
     FULL JOIN (SELECT product_id, sum(recency_weight(paid_at)) AS expected FROM purchases GROUP BY 1) p
       USING (product_id)
     WHERE coalesce(c.popularity, 0) <> coalesce(p.expected, 0)`,
  );
  assert.deepEqual(popularity, [], 'users: popularity is the sum of its purchase lines, each once');
  // Bought together: each pair of one customer's lines (other products, a year apart at most)
  // adds the weight of the later line, once, in both directions.
  const pairs = await databases.rows(
    'users',
    `WITH expected AS (
       SELECT x.product_id, y.product_id AS related_id, sum(recency_weight(greatest(x.paid_at, y.paid_at))) AS score
       FROM purchases x JOIN purchases y ON y.user_id = x.user_id AND y.product_id <> x.product_id
        AND y.paid_at BETWEEN x.paid_at - interval '365 days' AND x.paid_at + interval '365 days'
       GROUP BY 1, 2
     )
     SELECT product_id, related_id, p.score, e.score AS expected
     FROM item_pairs p FULL JOIN expected e USING (product_id, related_id)
     WHERE p.score IS DISTINCT FROM e.score`,
  );
  assert.deepEqual(pairs, [], 'users: co-purchase pairs are what the purchase lines imply, each once');

  const reviews = await databases.rows(
    'products',
    `SELECT id::text, user_id, product_id, rating FROM reviews`,
  );
  const signals = await databases.rows(
    'users',
    `SELECT review_id AS id, user_id::text, product_id, rating FROM review_signals WHERE NOT deleted`,
  );
  assert.deepEqual(sorted(signals), sorted(reviews), 'users: one rating signal per review');

  const catalog = await databases.rows(
    'users',
    `SELECT product_id AS id, name, category_id, brand, status, version FROM catalog_products WHERE version > 0`,
  );
  const products = await databases.rows(
    'products',
    `SELECT id, name, category_id::text, brand, status, version FROM products WHERE id = ANY($1::uuid[])`,
    [catalog.map((c) => c.id)],
  );
  assert.deepEqual(sorted(catalog), sorted(products), "users: the catalog as products' latest event told it");
  const archivedFavorites = await databases.rows(
    'users',
    `SELECT f.user_id, f.product_id FROM favorites f
     JOIN catalog_products c USING (product_id) WHERE c.status = 'archived'`,
  );
  assert.deepEqual(archivedFavorites, [], 'users: an archived product left every favorites list');
}

async function assertMails(
  shop: Shop,
  databases: ShopDatabases,
  orders: OrderFacts[],
  customers: Customer[],
) {
  const owedForOrders = orders.flatMap((o) => [
    ...(o.paid ? [`order_paid:${o.id}`] : []),
    ...(o.shipped ? [`order_shipped:${o.id}`] : []),
    ...(o.delivered ? [`order_delivered:${o.id}`] : []),
  ]);
  const owed = await databases.rows<{ fact: string; sent: boolean }>(
    'users',
    `SELECT fact, sent_at IS NOT NULL AS sent FROM notifications WHERE kind <> 'back_in_stock'`,
  );
  assert.deepEqual(
    owed.map((n) => n.fact).sort(),
    owedForOrders.sort(),
    'users: one mail owed per order fact',
  );
  assert.ok(
    owed.every((n) => n.sent),
    'every owed mail went out',
  );
  const alerts = await databases.rows<{ count: string }>(
    'users',
    `SELECT count(*) FROM notifications n WHERE kind = 'back_in_stock' AND NOT EXISTS (
       SELECT 1 FROM stock_alerts a WHERE a.user_id = n.user_id AND a.product_id::text = n.details->>'productId')`,
  );
  assert.equal(Number(alerts[0]!.count), 0, 'users: every back-in-stock mail is recorded as an alert');

  for (const customer of customers) {
    const subjects = (await shop.mailbox(customer.email)).map((mail) => mail.subject);
    const expected = orders
      .filter((o) => o.userId === customer.id)
      .flatMap((o) => [
        ...(o.paid ? [`Thank you for your order ${o.id}`] : []),
        ...(o.shipped ? [`Your order ${o.id} has shipped`] : []),
        ...(o.delivered ? [`Your order ${o.id} was delivered`] : []),
      ]);
    assert.deepEqual(
      subjects.filter((s) => s.includes(' order ')).sort(),
      expected.sort(),
      `${customer.name}: each order mail exactly once`,
    );
    const restocks = subjects.filter((s) => s.endsWith('is back in stock'));
    assert.equal(new Set(restocks).size, restocks.length, `${customer.name}: one mail per restock`);
  }
}

async function assertProductsProjections(databases: ShopDatabases, orders: OrderFacts[]) {
  const bought = await databases.rows(
    'products',
    `SELECT order_id, product_ids::text[] AS product_ids FROM purchase_orders WHERE bought`,
  );
  assert.deepEqual(
    sorted(bought.map((row) => ({ ...row, product_ids: (row.product_ids as string[]).sort() }))),
    sorted(
      orders
        .filter((o) => o.paid)
        .map((o) => ({ order_id: o.id, product_ids: o.lines.map((l) => l.productId).sort() })),
    ),
    'products: every paid order is bought, with its products',
  );
  const revoked = orders.filter((o) => ['cancelled', 'refunded'].includes(o.status)).map((o) => o.id);
  const counted = orders.filter((o) => o.paid && !revoked.includes(o.id));
  const purchases = await databases.rows('products', `SELECT user_id, product_id, order_id FROM purchases`);
  assert.deepEqual(
    sorted(purchases),
    sorted(
      counted.flatMap((o) =>
        o.lines.map((l) => ({ user_id: o.userId, product_id: l.productId, order_id: o.id })),
      ),
    ),
    'products: a purchase per line of each order that counts',
  );
  const together = await databases.rows(
    'products',
    `WITH expected AS (
       SELECT a AS product_id, b AS related_id, count(*)::int AS orders
       FROM purchase_orders, unnest(product_ids) a, unnest(product_ids) b
       WHERE bought AND NOT revoked AND a <> b GROUP BY 1, 2
     )
     SELECT product_id, related_id, c.orders, e.orders AS expected
     FROM co_purchases c FULL JOIN expected e USING (product_id, related_id)
     WHERE c.orders IS DISTINCT FROM e.orders`,
  );
  assert.deepEqual(together, [], 'products: "bought together" counts each order that counts, once');
  const marks = await databases.rows(
    'products',
    `SELECT id, verified_purchase FROM reviews r
     WHERE verified_purchase <> EXISTS (
       SELECT 1 FROM purchases p WHERE p.user_id = r.user_id AND p.product_id = r.product_id)`,
  );
  assert.deepEqual(marks, [], 'products: a review is verified exactly when its author bought the product');
}

async function assertOrdersProjections(databases: ShopDatabases) {
  const facts = await databases.rows(
    'orders',
    `SELECT product_id AS id, name, price, currency, status FROM product_facts`,
  );
  const products = await databases.rows(
    'products',
    `SELECT id, name, price, currency, status FROM products WHERE id = ANY($1::uuid[])`,
    [facts.map((f) => f.id)],
  );
  assert.deepEqual(
    sorted(facts.map((f) => ({ ...f, price: Number(f.price) }))),
    sorted(products.map((p) => ({ ...p, price: Number(p.price) }))),
    "orders: each product's name, price and status as its latest events told them",
  );
}
