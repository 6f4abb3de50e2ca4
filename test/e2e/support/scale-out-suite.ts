/**
 * The shop scaled out: two replicas of users, products, orders and the gateway (the payment
 * sandbox stays single), started by the launcher on one bus, and used through both gateways. Run
 * once per bus (scale-out-nats.test.ts, scale-out-pgboss.test.ts): the whole journey, live
 * tracking across replicas, a dead letter made and replayed once, 500 checkouts racing for 100
 * units, and a burst of checkouts through the death of an orders and a products replica.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { waitFor } from '@shop/platform/testing';
import { createCategory, createProduct, type Product } from './catalog.js';
import {
  buy,
  checkout,
  deliver,
  favorite,
  logIn,
  putInCart,
  registerCustomer,
  review,
  ship,
} from './customers.js';
import { openDatabases } from './databases.js';
import { holdConnections } from './held-connections.js';
import { followOrder } from './order-events.js';
import { seconds } from './crowd.js';
import { oversoldNever, survivesKilledReplicas, type ScaleOutContext } from './scale-out-checkouts.js';
import {
  deadLetteredOnceThenReplayed,
  refuseOnePurchase,
  type RefusedPurchase,
} from './scale-out-dead-letter.js';
import { prepareEngine, type Engine } from './scale-out-engines.js';
import { checkRevocationsOnEveryReplica } from './revocations-everywhere.js';
import { api, bodyOf } from './api.js';
import { launchShop, type Json } from './shop.js';

/**
 * One test process plays hundreds of customers, all from 127.0.0.1: the per-address budgets of
 * the gateway (requests, sign-ins, webhooks), of users (the password-hashing queue, which bounds
 * how many sign-ups from one address may wait) and of products (costly searches) would refuse
 * it as one abusive client. Raised here, for this suite only.
 */
const CROWD_ENV = {
  RATE_LIMIT_PER_MINUTE: '1000000',
  AUTH_RATE_LIMIT_PER_MINUTE: '1000000',
  WEBHOOK_RATE_LIMIT_PER_MINUTE: '1000000',
  LOGIN_MAX_FAILURES_PER_IP: '100000',
  PASSWORD_HASHING_LOGINS_WAITING: '10000',
  PASSWORD_HASHING_ACCOUNT_WAITING: '10000',
  PASSWORD_HASHING_MAX_WAIT_MS: '30000',
  SEARCH_COSTLY_PER_CLIENT_PER_MINUTE: '100000',
  SEARCH_COSTLY_PER_CLIENT_CONCURRENT: '100',
  // A checkout whose orders replica died holds its Idempotency-Key, and its order's saga lease,
  // this long before a retry or the other replica's recovery loop takes it over (default 30 s).
  SAGA_LEASE_SECONDS: '10',
  SAGA_INTERVAL_MS: '1000',
  // Eight service processes share one PostgreSQL (max_connections 100 on a stock server): six
  // connections each (default 10) leave room for the bus, the listeners and this test.
  DATABASE_POOL_SIZE: '6',
};

const ENGINE_NAMES: Record<Engine, string> = {
  nats: 'NATS JetStream, external PostgreSQL',
  pgboss: 'pg-boss (the embedded default)',
};

export async function runScaleOutSuite(engine: Engine): Promise<void> {
  const setup = await prepareEngine(engine);
  describe(`two replicas of every service on ${ENGINE_NAMES[engine]}`, { skip: setup.skip }, () => {
    const context = {} as ScaleOutContext;
    const failures = new Map<string, Record<string, number>>();
    const products: Record<string, Product> = {};

    before(async () => {
      const started = Date.now();
      context.shop = await launchShop(`scale_${engine}`, {
        replicas: 2,
        ...setup.launch,
        env: CROWD_ENV,
        onLog: (service, line) => {
          if (process.env.E2E_LOG) console.log(`${service} ${line}`);
          if (line.includes('event handler failed')) countFailure(failures, service, line);
        },
      });
      context.databases = await holdConnections(openDatabases(context.shop.stack), ['orders', 'products']);
      context.admin = await context.shop.adminToken();
      context.categoryId = (await createCategory(context.shop, context.admin, 'Teaware')).id;
      context.deliveriesBeforeDeadLetter = setup.deliveriesBeforeDeadLetter;
      context.handlerFailures = (eventId) => failures.get(eventId) ?? {};
      const { stack } = context.shop;
      console.log(
        `[scale-out ${engine}] stack up in ${seconds(started)} s: ${JSON.stringify(stack.instances)}, bus ${stack.busUrl}`,
      );
    });
    after(async () => {
      const stopping = Date.now();
      try {
        await context.databases?.close();
        await context.shop?.stop();
      } finally {
        await setup.cleanup();
      }
      console.log(`[scale-out ${engine}] stack stopped in ${seconds(stopping)} s`);
    });

    const gateway = (index: number) => context.shop.through(index);

    it('the whole journey, spread over both gateways', async () => {
      const started = Date.now();
      const { admin } = context;
      const [one, two] = [gateway(0), gateway(1)];
      const tea = await createCategory(two, admin, 'Tea');
      const spec = (name: string, price: number, categoryId: string, brand: string) => ({
        name,
        price,
        categoryId,
        brand,
        onHand: 20,
      });
      products.sencha = await createProduct(one, admin, {
        ...spec('Sencha green tea', 1200, tea.id, 'Leafy'),
        attributes: { origin: 'Japan' },
      });
      products.teapot = await createProduct(
        two,
        admin,
        spec('Cast-iron teapot', 4500, context.categoryId, 'Tetsu'),
      );
      products.kettle = await createProduct(
        one,
        admin,
        spec('Gooseneck kettle', 3500, context.categoryId, 'Lumen'),
      );

      // Registered through one gateway, verified from the mailed link through the other.
      const registered = await registerCustomer(one, 'Ada');
      const link = await waitFor(
        async () => {
          const found = (await context.shop.mailbox(registered.email))
            .flatMap((mail) => mail.links)
            .find((l) => l.includes('verify-email#token='));
          assert.ok(found, 'a verification link was mailed');
          return found;
        },
        { timeoutMs: 30_000 },
      );
      const verified = await api(two, 'post', '/api/v1/auth/verify-email', {
        body: { token: new URLSearchParams(new URL(link).hash.slice(1)).get('token')! },
      });
      assert.equal(verified.status, 204, JSON.stringify(verified.body));
      const ada = { ...registered, token: await logIn(two, registered.email) };
      const me = bodyOf(await api(one, 'get', '/api/v1/users/me', { token: ada.token }));
      assert.deepEqual([me.id, me.emailVerified], [ada.id, true]);

      const found = await two.call('GET', '/api/v1/products?q=green&attr.origin=japan&inStock=true');
      assert.equal(found.status, 200, JSON.stringify(found.body));
      assert.deepEqual(
        found.body.items.map((p: Json) => p.name),
        ['Sencha green tea'],
      );
      await favorite(one, ada, products.sencha.id);
      const favorites = bodyOf(await api(two, 'get', '/api/v1/users/me/favorites', { token: ada.token }));
      assert.deepEqual(
        favorites.items.map((f) => f.productId),
        [products.sencha.id],
      );

      await putInCart(one, ada, products.sencha.id, 2);
      await putInCart(two, ada, products.teapot.id, 1);
      const placed = await checkout(one, ada, 'pm_card_visa');
      assert.equal(placed.status, 201, JSON.stringify(placed.body));
      assert.deepEqual([placed.body.status, placed.body.total], ['paid', 6900], JSON.stringify(placed.body));
      const orderId = placed.body.id as string;
      // The sandbox's webhook came in through a gateway and orders recorded it.
      await waitFor(
        async () => {
          const received = await context.databases.rows(
            'orders',
            `SELECT type FROM payment_webhook_events WHERE order_id = $1`,
            [orderId],
          );
          assert.ok(
            received.some((row) => row.type === 'payment_intent.succeeded'),
            `the succeeded webhook arrived: ${JSON.stringify(received)}`,
          );
        },
        { timeoutMs: 20_000 },
      );

      await ship(two, admin, orderId, 'LP000000100FR');
      await deliver(one, admin, orderId);
      const order = bodyOf(
        await api(two, 'get', '/api/v1/orders/{id}', { token: ada.token, params: { id: orderId } }),
      );
      assert.deepEqual(
        order.timeline.map((t) => t.status),
        ['pending', 'awaiting_payment', 'paid', 'shipped', 'delivered'],
      );

      const written = await review(one, ada, products.sencha.id, 5);
      await waitFor(
        async () => {
          const reviews = bodyOf(
            await api(two, 'get', '/api/v1/products/{id}/reviews', { params: { id: products.sencha!.id } }),
          );
          assert.deepEqual(
            reviews.items.map((r) => [r.id, r.verifiedPurchase]),
            [[written.id, true]],
            'the review is marked a verified purchase',
          );
        },
        { timeoutMs: 20_000 },
      );

      // Another customer buys the teapot with the kettle: Ada, who bought the teapot, is offered the kettle.
      const ben = await registerCustomer(two, 'Ben');
      await buy(two, ben, [
        { productId: products.teapot.id, quantity: 1 },
        { productId: products.kettle.id, quantity: 1 },
      ]);
      await waitFor(
        async () => {
          const recommended = await api(one, 'get', '/api/v1/users/me/recommendations', {
            token: ada.token,
            query: { limit: 10 },
          });
          assert.deepEqual(
            [recommended.body.items?.[0]?.name, recommended.body.items?.[0]?.reason],
            ['Gooseneck kettle', 'Because you bought Cast-iron teapot'],
            `recommendations: ${JSON.stringify(recommended.body)}`,
          );
        },
        { timeoutMs: 20_000 },
      );
      console.log(`[scale-out ${engine}] journey: 2 customers, 2 orders, 1 review in ${seconds(started)} s`);
    });

    it('a customer following an order through gateway 1 sees every change made through gateway 2', async () => {
      const started = Date.now();
      const [one, two] = [gateway(0), gateway(1)];
      const eve = await registerCustomer(one, 'Eve');
      await putInCart(one, eve, products.kettle!.id, 1);
      const placed = await checkout(one, eve, 'pm_card_threeDSecure2Required');
      assert.equal(placed.body.status, 'awaiting_payment', JSON.stringify(placed.body));
      const orderId = placed.body.id as string;

      const events = await followOrder(context.shop.stack.gatewayUrls[0]!, orderId, eve.token);
      const nextStatus = async () => (await events.next())?.status;
      assert.equal(await nextStatus(), 'awaiting_payment', 'the current status first');
      const [stored] = await context.databases.rows<{ payment_intent_id: string }>(
        'orders',
        `SELECT payment_intent_id FROM orders WHERE id = $1`,
        [orderId],
      );
      const passed = await context.shop.sandbox(
        'POST',
        `/_sandbox/payment_intents/${stored!.payment_intent_id}/complete_action`,
        { outcome: 'succeed' },
      );
      assert.equal(passed.status, 200, JSON.stringify(passed.body));
      assert.equal(await nextStatus(), 'paid', 'the webhook settled it');
      await ship(two, context.admin, orderId, 'LP000000200FR');
      const shipped = await events.next();
      assert.deepEqual(
        [shipped?.status, shipped?.tracking],
        ['shipped', { carrier: 'La Poste', trackingNumber: 'LP000000200FR' }],
      );
      await deliver(two, context.admin, orderId);
      assert.equal(await nextStatus(), 'delivered');
      assert.equal(await nextStatus(), undefined, 'the stream ends once the order is settled');
      console.log(
        `[scale-out ${engine}] live tracking: awaiting_payment, paid, shipped, delivered seen in ${seconds(started)} s`,
      );
    });

    it('a logout, a password change and a disabled account end the tokens on every replica of every service within seconds', () =>
      checkRevocationsOnEveryReplica(context.shop, context.admin));

    let refused: RefusedPurchase | undefined;
    it('products refuses to record one purchase: its order.paid.v1 keeps failing on either replica', async () => {
      refused = await refuseOnePurchase(context);
      console.log(`[scale-out ${engine}] fault armed for order ${refused.orderId}`);
    });

    it('500 customers check out at once for 100 units: 100 paid, 400 turned away, nothing oversold or charged twice', () =>
      oversoldNever(context, engine));

    it('that event is dead-lettered once, not once per replica, and a replay has its effect once', () => {
      assert.ok(refused, 'the fault was armed');
      return deadLetteredOnceThenReplayed(context, engine, refused);
    });

    it('kill -9 of an orders and a products replica in a burst of checkouts: every order settles once', () =>
      survivesKilledReplicas(context, engine));
  });
}

/** A handler failure the bus logged (pg-boss: "…; it will be retried", NATS: "event handler failed"). */
function countFailure(failures: Map<string, Record<string, number>>, service: string, line: string): void {
  try {
    const { eventId } = JSON.parse(line) as { eventId?: string };
    if (!eventId) return;
    const counts = failures.get(eventId) ?? {};
    counts[service] = (counts[service] ?? 0) + 1;
    failures.set(eventId, counts);
  } catch {
    // not a JSON line
  }
}
