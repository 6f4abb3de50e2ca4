/**
 * The checkout bursts of the scale-out suite (support/scale-out-suite.ts): 500 customers racing
 * for 100 units, and a burst through the death of an orders and a products replica.
 */
import assert from 'node:assert/strict';
import { createProduct } from './catalog.js';
import type { Customer } from './customers.js';
import {
  checkoutWithRetries,
  inParallel,
  seconds,
  signUpCrowd,
  tally,
  type CheckoutOutcome,
} from './crowd.js';
import type { ShopDatabases } from './databases.js';
import {
  assertStockConserved,
  chargesByOrder,
  histories,
  repeatedTransitions,
  requestsAnswered,
  stockLedger,
  waitUntilTerminal,
  type OrderState,
} from './ledger.js';
import type { Shop } from './shop.js';

export interface ScaleOutContext {
  shop: Shop;
  databases: ShopDatabases;
  admin: string;
  categoryId: string;
  /** Deliveries of a failing event before the bus dead-letters it. */
  deliveriesBeforeDeadLetter: number;
  /** Failed handler runs of an event, per instance, as the services logged them. */
  handlerFailures(eventId: string): Record<string, number>;
}

/** What an order may end as when it is not paid. */
const NOT_PAID = ['rejected', 'payment_failed', 'cancelled', 'refunded'];

export const newProduct = (context: ScaleOutContext, name: string, onHand: number) =>
  createProduct(context.shop, context.admin, {
    name,
    price: 2900,
    categoryId: context.categoryId,
    brand: 'Tetsu',
    onHand,
  });

export async function oversoldNever(context: ScaleOutContext, engine: string): Promise<void> {
  const STOCK = 100;
  const BUYERS = 500;
  const IN_FLIGHT = 100;
  const { shop, databases } = context;
  const kyusu = await newProduct(context, 'Limited kyusu', STOCK);
  let started = Date.now();
  const crowd = await signUpCrowd(shop, 'Rush', BUYERS, 25);
  console.log(`[scale-out ${engine}] ${BUYERS} customers signed up (25 at a time) in ${seconds(started)} s`);

  started = Date.now();
  const outcomes = await inParallel(crowd, IN_FLIGHT, (customer, i) =>
    checkoutWithRetries(shop.through(i % 2), customer, [{ productId: kyusu.id, quantity: 1 }]),
  );
  describeBurst(engine, `${BUYERS} checkouts, ${IN_FLIGHT} in flight`, outcomes, started);
  const orderIds = assertEveryOrderPlaced(outcomes);

  started = Date.now();
  const states = await waitUntilTerminal(databases, orderIds);
  console.log(
    `[scale-out ${engine}] settled in ${seconds(started)} s more: ${JSON.stringify(tally(states.map((s) => s.status)))}`,
  );
  assert.equal(new Set(states.map((s) => s.user_id)).size, BUYERS, 'one order per customer');
  assert.equal(states.filter((s) => s.status === 'paid').length, STOCK, 'exactly the stock was sold');
  const oddOnes = states.filter((s) =>
    s.status === 'paid'
      ? s.stock !== 'committed'
      : !NOT_PAID.includes(s.status) || ['held', 'committed'].includes(s.stock),
  );
  assert.deepEqual(oddOnes, [], 'paid orders hold committed stock, the others none');

  const paths = await assertEachTransitionOnce(databases, orderIds);
  console.log(`[scale-out ${engine}] status histories: ${JSON.stringify(paths)}`);
  const ledger = await stockLedger(databases, kyusu.id);
  assertStockConserved(ledger, STOCK, 'the kyusu');
  assert.deepEqual([ledger.onHand, ledger.units.committed], [0, STOCK], 'sold out, not oversold');
  await assertChargedOnce(shop, states);
  console.log(
    `[scale-out ${engine}] stock ${JSON.stringify(ledger)}; one charge per paid order, none otherwise`,
  );
}

export async function survivesKilledReplicas(context: ScaleOutContext, engine: string): Promise<void> {
  const STOCK = 80;
  const BUYERS = 60;
  /** Checkouts started together; the kill comes once a few are answered, the rest follow paced. */
  const FIRST_WAVE = 20;
  const KILL_AFTER = 5;
  const PACE_MS = 150;
  const { shop, databases } = context;
  const { instances } = shop.stack;
  const teapot = await newProduct(context, 'Steady teapot', STOCK);
  let started = Date.now();
  const crowd = await signUpCrowd(shop, 'Steady', BUYERS, 20);
  console.log(`[scale-out ${engine}] ${BUYERS} customers signed up in ${seconds(started)} s`);

  // orders-2 and products-1 die; orders-1 and products-2 must carry the traffic meanwhile.
  const watched = {
    orders: { victim: 1, survivor: 0, method: 'POST', route: '/api/v1/orders' },
    products: { victim: 0, survivor: 1, method: 'POST', route: '/internal/reservations' },
  } as const;
  const counted = async (name: 'orders' | 'products', index: number) =>
    requestsAnswered(instances[name]![index]!, watched[name].method, watched[name].route);
  const before = { orders: await counted('orders', 0), products: await counted('products', 1) };

  let startKills!: () => void;
  const killing = new Promise<void>((resolve) => (startKills = resolve));
  const outages = killing.then(() =>
    Promise.all([
      outage(shop, 'orders', watched.orders.victim),
      outage(shop, 'products', watched.products.victim),
    ]),
  );
  let answered = 0;
  started = Date.now();
  const outcomes = await Promise.all(
    crowd.map(async (customer, i) => {
      if (i >= FIRST_WAVE) {
        await killing;
        await pause((i - FIRST_WAVE) * PACE_MS);
      }
      const outcome = await checkoutWithRetries(shop.through(i % 2), customer, [
        { productId: teapot.id, quantity: 1 },
      ]);
      if (++answered === KILL_AFTER) startKills();
      return outcome;
    }),
  );
  const [ordersOutage, productsOutage] = await outages;
  describeBurst(engine, `${BUYERS} checkouts through the kills`, outcomes, started);
  console.log(
    `[scale-out ${engine}] outages: ${JSON.stringify([ordersOutage, productsOutage].map(describeOutage))}`,
  );
  const orderIds = assertEveryOrderPlaced(outcomes);

  const states = await waitUntilTerminal(databases, orderIds);
  console.log(`[scale-out ${engine}] settled: ${JSON.stringify(tally(states.map((s) => s.status)))}`);
  const perBuyer = await databases.rows<{ user_id: string; orders: number }>(
    'orders',
    `SELECT user_id, count(*)::int AS orders FROM orders WHERE user_id = ANY($1) GROUP BY user_id`,
    [crowd.map((c: Customer) => c.id)],
  );
  assert.deepEqual(
    perBuyer.filter((row) => row.orders !== 1),
    [],
    'no buyer has two orders',
  );
  assert.equal(perBuyer.length, BUYERS, 'every buyer has an order');
  const reservations = await databases.rows<{ order_id: string; status: string }>(
    'products',
    `SELECT order_id, status FROM reservations WHERE order_id = ANY($1)`,
    [orderIds],
  );
  const reservationOf = new Map(reservations.map((r) => [r.order_id, r.status]));
  const unsettled = states.filter((s) =>
    s.status === 'paid'
      ? s.stock !== 'committed' || reservationOf.get(s.id) !== 'committed'
      : !NOT_PAID.includes(s.status) || ['held', 'committed'].includes(reservationOf.get(s.id) ?? 'none'),
  );
  assert.deepEqual(unsettled, [], 'paid with its stock committed, or not paid with its hold released');
  await assertEachTransitionOnce(databases, orderIds);
  const ledger = await stockLedger(databases, teapot.id);
  assertStockConserved(ledger, STOCK, 'the teapot');
  assert.equal(
    ledger.units.committed ?? 0,
    states.filter((s) => s.status === 'paid').length,
    'sold what was paid',
  );
  await assertChargedOnce(shop, states);

  // What was written while a victim was down was written by its survivor, which answered at least that much.
  const after = { orders: await counted('orders', 0), products: await counted('products', 1) };
  const ordersWhileDown = states.filter((s) => within(s.created_at, ordersOutage)).length;
  const [held] = await databases.rows<{ n: number }>(
    'products',
    `SELECT count(DISTINCT r.order_id)::int AS n FROM reservations r JOIN reservation_lines l USING (order_id)
     WHERE l.product_id = $1 AND r.created_at BETWEEN $2 AND $3`,
    [teapot.id, new Date(productsOutage.downFrom), new Date(productsOutage.downUntil)],
  );
  const carried = {
    orders: { survivorAnswered: after.orders! - before.orders!, createdWhileDown: ordersWhileDown },
    products: { survivorAnswered: after.products! - before.products!, createdWhileDown: held!.n },
  };
  console.log(
    `[scale-out ${engine}] survivors carried: ${JSON.stringify(carried)}; restarted instances answered ` +
      `${JSON.stringify({ orders: await counted('orders', 1), products: await counted('products', 0) })} since`,
  );
  for (const [name, { survivorAnswered, createdWhileDown }] of Object.entries(carried)) {
    assert.ok(
      createdWhileDown > 0,
      `${name}: checkouts went on while its victim was down: ${JSON.stringify(carried)}`,
    );
    assert.ok(
      survivorAnswered >= createdWhileDown,
      `${name}: the survivor answered what was made meanwhile: ${JSON.stringify(carried)}`,
    );
  }
}

interface Outage {
  service: string;
  instance: number;
  /** Exited (after SIGKILL) at. */
  downFrom: number;
  /** Its port was last seen refusing connections at. */
  downUntil: number;
  /** Reported ready again at. */
  backAt: number;
}

/** Kills one instance, watches its port until it answers again, and waits until it is back. */
async function outage(shop: Shop, service: 'orders' | 'products', instance: number): Promise<Outage> {
  const url = shop.stack.instances[service]![instance]!;
  await shop.stack.killService(service, 'SIGKILL', instance);
  const downFrom = Date.now();
  let downUntil = downFrom;
  for (;;) {
    const seen = Date.now();
    try {
      await fetch(`${url}/healthz`);
      break;
    } catch {
      downUntil = seen;
      await pause(100);
    }
  }
  await shop.stack.serviceRunning(service, instance);
  return { service, instance, downFrom, downUntil, backAt: Date.now() };
}

const within = (at: Date, outage: Outage) =>
  at.getTime() >= outage.downFrom && at.getTime() <= outage.downUntil;

const describeOutage = (o: Outage) => ({
  instance: `${o.service}-${o.instance + 1}`,
  refusedForSeconds: (o.downUntil - o.downFrom) / 1000,
  backAfterSeconds: (o.backAt - o.downFrom) / 1000,
});

function describeBurst(engine: string, what: string, outcomes: CheckoutOutcome[], started: number): void {
  const durations = outcomes.map((o) => o.endedAt - o.startedAt).sort((a, b) => a - b);
  console.log(
    `[scale-out ${engine}] ${what} answered in ${seconds(started)} s: ` +
      JSON.stringify({
        answers: tally(outcomes.map((o) => o.answer.status)),
        inlineStatus: tally(outcomes.map((o) => o.answer.body?.status)),
        retried: tally(outcomes.flatMap((o) => o.retried)),
        maxAttempts: Math.max(...outcomes.map((o) => o.attempts)),
        medianSeconds: durations[Math.floor(durations.length / 2)]! / 1000,
        slowestSeconds: durations.at(-1)! / 1000,
      }),
  );
}

function assertEveryOrderPlaced(outcomes: CheckoutOutcome[]): string[] {
  const refused = outcomes.filter((o) => o.answer.status !== 201);
  assert.deepEqual(
    refused.map((o) => [o.customer.email, o.answer.status, o.answer.body]),
    [],
    'every checkout was answered with its order',
  );
  const orderIds = outcomes.map((o) => o.orderId!);
  assert.equal(new Set(orderIds).size, outcomes.length, 'one order per checkout');
  return orderIds;
}

/** No order entered a status twice; answers how many orders took each path. */
async function assertEachTransitionOnce(databases: ShopDatabases, orderIds: string[]) {
  const byOrder = await histories(databases, orderIds);
  assert.deepEqual(repeatedTransitions(byOrder), [], 'no transition was made twice');
  return tally([...byOrder.values()].map((statuses) => statuses.join('→')));
}

/** Each paid order was charged exactly once; any other, never (or charged and refunded). */
async function assertChargedOnce(shop: Shop, states: OrderState[]): Promise<void> {
  const { charges, intents, refunds } = await chargesByOrder(shop);
  const wrong = states.flatMap((s) => {
    const charged = charges.get(s.id)?.length ?? 0;
    const refunded = refunds.get(s.id) ?? 0;
    const right =
      s.status === 'paid' ? charged === 1 && refunded === 0 : charged === refunded && charged <= 1;
    return right && (intents.get(s.id)?.length ?? 0) <= 1
      ? []
      : [{ order: s.id, status: s.status, charged, refunded, intents: intents.get(s.id) }];
  });
  assert.deepEqual(wrong, [], 'one charge per paid order, none otherwise');
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
