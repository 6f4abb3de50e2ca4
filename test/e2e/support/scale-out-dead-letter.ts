/**
 * A dead letter made for real on a scaled-out shop: products' own database refuses to record one
 * order's purchase, so its purchases consumer keeps failing on that order.paid.v1, on whichever
 * replica takes it. The bus must dead-letter it once (the replicas share one subscription), and a
 * replay must have its effect once. Armed before the checkout bursts and checked after them, so
 * that the bus's retry backoff (two retries, set in BUS_URL) runs meanwhile.
 */
import assert from 'node:assert/strict';
import { waitFor } from '@shop/platform/testing';
import { buy, registerCustomer, review } from './customers.js';
import { seconds } from './crowd.js';
import { deadLetters } from './event-flow.js';
import { newProduct, type ScaleOutContext } from './scale-out-checkouts.js';
import { api, bodyOf } from './api.js';
import type { Json, Shop } from './shop.js';

export interface RefusedPurchase {
  orderId: string;
  productIds: [string, string];
  reviewId: string;
  armedAt: number;
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** Makes products refuse purchases of a new tray, and has a customer buy it (with a cloth) and review it. */
export async function refuseOnePurchase(context: ScaleOutContext): Promise<RefusedPurchase> {
  const armedAt = Date.now();
  const { shop, databases } = context;
  const [one, two] = [shop.through(0), shop.through(1)];
  const tray = await newProduct(context, 'Refused tea tray', 5);
  const cloth = await newProduct(context, 'Tray cloth', 5);
  assert.match(tray.id, /^[0-9a-f-]{36}$/, 'a uuid, safe to write into the trigger');
  await databases.rows(
    'products',
    `CREATE FUNCTION e2e_refuse_tray() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF '${tray.id}'::uuid = ANY (NEW.product_ids) THEN
         RAISE EXCEPTION 'e2e: purchases of the tray are refused';
       END IF;
       RETURN NEW;
     END $$`,
  );
  await databases.rows(
    'products',
    `CREATE TRIGGER e2e_refuse_tray BEFORE INSERT OR UPDATE ON purchase_orders
     FOR EACH ROW EXECUTE FUNCTION e2e_refuse_tray()`,
  );
  const cid = await registerCustomer(two, 'Cid');
  const orderId = await buy(two, cid, [
    { productId: tray.id, quantity: 1 },
    { productId: cloth.id, quantity: 1 },
  ]);
  const written = await review(one, cid, tray.id, 4);
  assert.equal(written.verifiedPurchase, false, 'products has not recorded the purchase');
  return { orderId, productIds: [tray.id, cloth.id], reviewId: written.id, armedAt };
}

export async function deadLetteredOnceThenReplayed(
  context: ScaleOutContext,
  engine: string,
  refused: RefusedPurchase,
): Promise<void> {
  const started = Date.now();
  const { shop, databases, admin } = context;
  const [one, two] = [shop.through(0), shop.through(1)];
  const [trayId, clothId] = refused.productIds;
  const lettersOf = async (via: Shop) =>
    ((await deadLetters(via, admin)) as Json[]).filter(
      (letter) => letter.event.aggregateId === refused.orderId,
    );
  const letter = await waitFor(
    async () => {
      const letters = await lettersOf(one);
      assert.ok(letters.length > 0, `order.paid.v1 of ${refused.orderId} is not dead-lettered yet`);
      return letters[0];
    },
    { timeoutMs: 120_000, intervalMs: 500 },
  );
  const deadAfter = seconds(refused.armedAt);
  const eventId = letter.event.id as string;
  await waitFor(
    () =>
      assert.ok(
        sum(context.handlerFailures(eventId)) >= context.deliveriesBeforeDeadLetter,
        `every failed delivery was logged: ${JSON.stringify(context.handlerFailures(eventId))}`,
      ),
    { timeoutMs: 10_000 },
  );
  for (const via of [one, two]) {
    const letters = await lettersOf(via);
    assert.deepEqual(
      letters.map((l) => [l.service, l.subscription, l.event.type, l.event.id]),
      [['products', 'products.purchases', 'order.paid.v1', eventId]],
      'one dead letter, whichever gateway and products replica is asked',
    );
    assert.match(letters[0].error, /purchases of the tray are refused/);
  }
  const others = (await deadLetters(one, admin)).filter((l) => (l as Json).event.id !== eventId);
  assert.deepEqual(others, [], 'no other event was dead-lettered, bursts and all');
  const failed = { ...context.handlerFailures(eventId) };
  assert.equal(sum(failed), context.deliveriesBeforeDeadLetter, 'delivered as often as the retry budget');
  const [recorded] = await databases.rows<{ n: number }>(
    'products',
    `SELECT count(*)::int AS n FROM purchase_orders WHERE order_id = $1`,
    [refused.orderId],
  );
  assert.equal(recorded!.n, 0, 'the purchase is not recorded while the fault lasts');

  await databases.rows('products', `DROP TRIGGER e2e_refuse_tray ON purchase_orders`);
  await databases.rows('products', `DROP FUNCTION e2e_refuse_tray()`);
  const replay = (via: Shop) =>
    api(via, 'post', '/api/v1/admin/dead-letters/{service}/{subscription}/{id}/replay', {
      token: admin,
      params: { service: 'products', subscription: 'products.purchases', id: letter.id },
    });
  const replayed = await replay(two);
  assert.equal(replayed.status, 202, JSON.stringify(replayed.body));
  assert.equal((await replay(one)).status, 404, 'a replayed letter is gone: a second replay finds nothing');

  await waitFor(
    async () => {
      const reviews = bodyOf(
        await api(one, 'get', '/api/v1/products/{id}/reviews', { params: { id: trayId } }),
      );
      assert.deepEqual(
        reviews.items.map((r) => [r.id, r.verifiedPurchase]),
        [[refused.reviewId, true]],
        'the replayed purchase marks the review verified',
      );
    },
    { timeoutMs: 30_000 },
  );
  const pairs = await databases.rows<{ product_id: string; orders: number }>(
    'products',
    `SELECT product_id, orders FROM co_purchases WHERE product_id = ANY($1::uuid[]) ORDER BY product_id`,
    [[trayId, clothId]],
  );
  assert.deepEqual(
    pairs.map((pair) => pair.orders),
    [1, 1],
    `bought together once, each way: ${JSON.stringify(pairs)}`,
  );
  const handled = await databases.rows(
    'products',
    `SELECT 1 FROM processed_events WHERE event_id = $1 AND consumer = 'products.purchases'`,
    [eventId],
  );
  assert.equal(handled.length, 1, 'the replayed event was taken in once');
  await waitFor(async () => assert.deepEqual(await lettersOf(two), [], 'the dead letter is gone'));
  assert.deepEqual(context.handlerFailures(eventId), failed, 'no failed delivery since');
  console.log(
    `[scale-out ${engine}] dead letter: ${sum(failed)} failed deliveries ${JSON.stringify(failed)}, ` +
      `1 letter ${deadAfter} s after the fault was armed; replayed once; this check took ${seconds(started)} s`,
  );
}
