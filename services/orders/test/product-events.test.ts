import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  ProductCreated,
  ProductDeleted,
  ProductPriceChanged,
  ProductUpdated,
  type PayloadOf,
} from '@shop/contracts';
import { PgBossBus, type EventEnvelope } from '@shop/platform';
import { waitFor } from '@shop/platform/testing';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { PRODUCT_FACTS } from '../src/messaging/product-facts.consumer.js';
import { startOrders, TEST_ADDRESS, type OrdersUnderTest } from './support/orders-under-test.js';

const quiet = () => undefined;
let world: OrdersUnderTest;
let bus: PgBossBus;
let admin: { token: string };

before(async () => {
  world = await startOrders();
  // One retry, so a failing event reaches the dead letters within seconds.
  bus = new PgBossBus({
    connectionString: world.ordersEnv.BUS_URL!,
    log: { debug: quiet, info: quiet, warn: quiet, error: quiet, fatal: quiet },
    retryLimit: 1,
    retryDelaySeconds: 1,
  });
  await world.stopOrders();
  await world.restartOrders({}, { bus });
  admin = await world.shop.admin();
});
after(() => world?.close());

const envelope = <P>(type: string, productId: string, payload: P, id = randomUUID()): EventEnvelope<P> => ({
  id,
  type,
  source: 'products',
  aggregateId: productId,
  occurredAt: new Date().toISOString(),
  payload,
});

type Snapshot = PayloadOf<typeof ProductCreated>;

/** A product's life in events: created, repriced, renamed and repriced, deleted. */
function lifeOf(productId: string): EventEnvelope[] {
  const snapshot = (version: number, changes: Partial<Snapshot>): Snapshot => ({
    productId,
    sku: 'SKU-1',
    name: 'Kettle',
    price: 3000,
    currency: 'EUR',
    categoryId: 'c1',
    brand: 'Acme',
    status: 'active',
    version,
    ...changes,
  });
  const priceChanged = (version: number, oldPrice: number, newPrice: number) =>
    envelope<PayloadOf<typeof ProductPriceChanged>>(ProductPriceChanged.type, productId, {
      productId,
      oldPrice,
      newPrice,
      currency: 'EUR',
      version,
    });
  return [
    envelope(ProductCreated.type, productId, snapshot(1, {})),
    envelope(ProductUpdated.type, productId, snapshot(2, { price: 3500 })),
    priceChanged(2, 3000, 3500),
    envelope(ProductUpdated.type, productId, snapshot(3, { name: 'Steel kettle', price: 3200 })),
    priceChanged(3, 3500, 3200),
    envelope(
      ProductUpdated.type,
      productId,
      snapshot(4, { name: 'Steel kettle', price: 3200, status: 'archived' }),
    ),
    envelope<PayloadOf<typeof ProductDeleted>>(ProductDeleted.type, productId, { productId, version: 4 }),
  ];
}

const factsOf = async (productId: string) =>
  (
    await world.db.query(
      `SELECT name, name_version, price, currency, price_version, status, status_version
       FROM product_facts WHERE product_id = $1`,
      [productId],
    )
  ).rows[0];

const processed = async (events: EventEnvelope[]) =>
  (
    await world.db.query(
      `SELECT 1 FROM processed_events WHERE consumer = $1 AND event_id = ANY($2::uuid[])`,
      [PRODUCT_FACTS, events.map((e) => e.id)],
    )
  ).rowCount;

describe('product events', () => {
  test('end in the same last known product whatever their order and however often they arrive', async () => {
    const inOrder = randomUUID();
    const shuffled = randomUUID();
    const once = lifeOf(inOrder);
    for (const event of once) await bus.publish([event]);

    const life = lifeOf(shuffled);
    // Newest first, each twice (the same event id, as a redelivery), plus copies under new ids
    // (a producer that published again), interleaved with the oldest.
    const copies = life.map((event) => ({ ...event, id: randomUUID() }));
    const delivered = [life[6], life[0], copies[3], life[5], life[6], life[1], copies[0], life[2]]
      .concat([life[4], life[3], copies[6], life[0], copies[5]])
      .map((event) => event!);
    for (const event of delivered) await bus.publish([event]);

    const distinct = new Set(delivered.map((event) => event.id)).size;
    await waitFor(async () => {
      assert.equal(await processed(once), once.length, 'every in-order event handled');
      assert.equal(await processed(delivered), distinct, 'every shuffled event handled');
    });
    const expected = {
      name: 'Steel kettle',
      name_version: 4,
      price: 3200,
      currency: 'EUR',
      price_version: 4,
      status: 'archived',
      status_version: 4,
    };
    assert.deepEqual(await factsOf(inOrder), expected);
    assert.deepEqual(await factsOf(shuffled), expected);
  });

  test('a product brought back after its deletion is for sale again', async () => {
    const productId = randomUUID();
    const [created, , , , , , deleted] = lifeOf(productId);
    const revived = envelope(ProductUpdated.type, productId, {
      ...(created!.payload as Snapshot),
      price: 2900,
      version: 5,
    });
    for (const event of [revived, deleted!, created!]) await bus.publish([event]);
    await waitFor(async () => assert.equal(await processed([revived, deleted!, created!]), 3, 'all handled'));
    const facts = await factsOf(productId);
    assert.deepEqual([facts.status, facts.price, facts.name], ['active', 2900, 'Kettle']);
  });
});

describe('the cart while products cannot answer', () => {
  test('shows the last known prices and deleted products, stock unknown, and checkout is refused', async () => {
    const dana = await world.shop.customer('Dana');
    const [repriced, steady, gone] = await Promise.all([
      world.shop.product({ price: 1000, stock: 5 }),
      world.shop.product({ price: 2000, stock: 5 }),
      world.shop.product({ price: 500, stock: 5 }),
    ]);
    for (const product of [repriced, steady, gone]) {
      const put = await world.api('PUT', `/api/v1/cart/items/${product.id}`, {
        token: dana.token,
        body: { quantity: 1 },
      });
      assert.equal(put.status, 200);
    }
    // A line whose product orders never heard of by event (a seeded catalog): its price as added.
    const unheard = randomUUID();
    await world.db.query(
      `INSERT INTO cart_items (user_id, product_id, quantity, added_name, added_price, added_currency, added_at)
       VALUES ($1, $2, 2, 'Old lamp', 3000, 'EUR', now() + interval '1 second')`,
      [dana.id, unheard],
    );
    await world.shop.editProduct(repriced.id, { price: 1100 });
    await world.shop.deleteProduct(gone.id);
    await waitFor(async () => {
      assert.equal((await factsOf(repriced.id))?.price, 1100, 'the new price arrived');
      assert.equal((await factsOf(gone.id))?.status, 'archived', 'the deletion arrived');
    });

    const offline = await buildApp(
      loadConfig({ ...world.ordersEnv, PRODUCTS_URL: 'http://127.0.0.1:9', LOG_LEVEL: 'fatal' }),
    );
    try {
      const cart = await offline.app.inject({
        url: '/api/v1/cart',
        headers: { authorization: `Bearer ${dana.token}` },
      });
      assert.equal(cart.statusCode, 200);
      const body = cart.json();
      assert.equal(body.stale, true);
      assert.deepEqual(
        body.items.map((line: Record<string, unknown>) => [
          line.productId,
          line.name,
          line.status,
          line.unavailableReason,
          line.unitPrice,
          line.addedUnitPrice,
          line.priceChanged,
          line.availableQuantity,
        ]),
        [
          [repriced.id, repriced.name, 'unknown', null, 1100, 1000, true, null],
          [steady.id, steady.name, 'unknown', null, 2000, 2000, false, null],
          [gone.id, gone.name, 'unavailable', 'product_deleted', null, 500, false, 0],
          [unheard, 'Old lamp', 'unknown', null, 3000, 3000, false, null],
        ],
      );
      assert.deepEqual([body.subtotal, body.currency], [1100 + 2000 + 6000, 'EUR']);

      const checkout = await offline.app.inject({
        method: 'POST',
        url: '/api/v1/orders',
        headers: { authorization: `Bearer ${dana.token}`, 'idempotency-key': randomUUID() },
        payload: { paymentMethod: 'pm_card_visa', shippingAddress: TEST_ADDRESS },
      });
      assert.equal(checkout.statusCode, 503);
      const written = await world.db.query('SELECT 1 FROM orders WHERE user_id = $1', [dana.id]);
      assert.equal(written.rowCount, 0, 'no order without products');
    } finally {
      await offline.app.close();
      await offline.stop();
    }

    const live = await world.api('GET', '/api/v1/cart', { token: dana.token });
    assert.equal(live.body.stale, false, 'products answers again');
  });
});

describe('dead letters', () => {
  const deadLetters = (token = admin.token) => world.api('GET', '/api/v1/admin/dead-letters', { token });
  const deadLetterOf = (eventId: string) =>
    waitFor(
      async () => {
        const letters = (await deadLetters()).body.items as {
          id: string;
          subscription: string;
          error: string;
          event: EventEnvelope;
        }[];
        const letter = letters.find((item) => item.event.id === eventId);
        assert.ok(letter, `event ${eventId} is dead-lettered`);
        return letter;
      },
      { timeoutMs: 30_000 },
    );

  test('an event that keeps failing is listed for admins only and replayed once its cause is fixed', async () => {
    const productId = randomUUID();
    const [created] = lifeOf(productId);
    await world.db.query('ALTER TABLE product_facts RENAME TO product_facts_away');
    let letter;
    try {
      await bus.publish([created!]);
      letter = await deadLetterOf(created!.id);
    } finally {
      await world.db.query('ALTER TABLE product_facts_away RENAME TO product_facts');
    }
    assert.equal(letter.subscription, PRODUCT_FACTS);
    assert.match(letter.error, /product_facts/);
    assert.equal(await factsOf(productId), undefined);

    const customer = await world.shop.customer();
    assert.equal((await deadLetters(customer.token)).status, 403);
    const replay = (subscription: string) =>
      world.api('POST', `/api/v1/admin/dead-letters/${subscription}/${letter.id}/replay`, {
        token: admin.token,
      });
    assert.equal((await replay('products.purchases')).status, 404, 'not a subscription of orders');
    assert.equal((await replay(PRODUCT_FACTS)).status, 202);
    await waitFor(async () => assert.equal((await factsOf(productId))?.name, 'Kettle', 'the replay landed'));
    const left = (await deadLetters()).body.items as { event: { id: string } }[];
    assert.ok(!left.some((l) => l.event.id === created!.id), 'no longer a dead letter');
  });

  test('a payload that breaks its contract is dead-lettered with the reason and changes nothing', async () => {
    const productId = randomUUID();
    const bad = envelope(ProductPriceChanged.type, productId, { productId, newPrice: -1, currency: 'EUR' });
    await bus.publish([bad]);
    const letter = await deadLetterOf(bad.id);
    assert.equal(letter.subscription, PRODUCT_FACTS);
    assert.match(letter.error, /does not match its contract/);
    assert.equal(await factsOf(productId), undefined);
  });
});
