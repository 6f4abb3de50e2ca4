/**
 * The whole shop, as its clients use it: every step goes through the gateway of a stack started
 * by the launcher, and every cross-service effect (verified reviews, mails, recommendations)
 * travels over the real bus. The one door besides the gateway is the users service's dev mailbox,
 * where the verification link and the notification mails are read.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { waitFor } from '@shop/platform/testing';
import {
  createCategory,
  createProduct,
  editProduct,
  stockOf,
  type Product,
  type ProductSpec,
} from './support/catalog.js';
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
  type Customer,
} from './support/customers.js';
import { followOrder } from './support/order-events.js';
import { launchShop, type Json, type Shop } from './support/shop.js';

const TRACKING = 'LP555000111FR';

describe('the whole shop, through the gateway', () => {
  let shop: Shop;
  let admin: string;
  const products: Record<string, Product> = {};
  let ada: Customer;
  let firstOrder: string;

  before(async () => {
    shop = await launchShop('whole_shop');
    admin = await shop.adminToken();
  });
  after(async () => {
    await shop?.stop();
  });

  const names = (items: { id?: string; productId?: string }[]) =>
    items.map((item) => Object.values(products).find((p) => p.id === (item.id ?? item.productId))?.name);
  const recommendationsOf = async (customer: Customer) => {
    const answer = await shop.call('GET', '/api/v1/users/me/recommendations?limit=10', {
      token: customer.token,
    });
    assert.equal(answer.status, 200, `recommendations: ${JSON.stringify(answer.body)}`);
    return answer.body.items as Json[];
  };

  it('an admin sets up categories, products and stock', async () => {
    const tea = await createCategory(shop, admin, 'Tea');
    const green = await createCategory(shop, admin, 'Green tea', tea.id);
    const black = await createCategory(shop, admin, 'Black tea', tea.id);
    const teaware = await createCategory(shop, admin, 'Teaware');
    const leafyTea = (name: string, price: number, categoryId: string, origin: string) => ({
      name,
      price,
      categoryId,
      brand: 'Leafy',
      attributes: { origin },
    });
    const specs: Record<string, Omit<ProductSpec, 'onHand'>> = {
      sencha: leafyTea('Sencha green tea', 1200, green.id, 'Japan'),
      gyokuro: leafyTea('Gyokuro green tea', 2600, green.id, 'Japan'),
      longjing: leafyTea('Longjing green tea', 1800, green.id, 'China'),
      assam: leafyTea('Assam black tea', 900, black.id, 'India'),
      teapot: { name: 'Cast-iron teapot', price: 4500, categoryId: teaware.id, brand: 'Tetsu' },
      cups: { name: 'Stoneware cups', price: 1800, categoryId: teaware.id, brand: 'Tetsu' },
      kettle: { name: 'Gooseneck kettle', price: 3500, categoryId: teaware.id, brand: 'Lumen' },
    };
    for (const [key, spec] of Object.entries(specs)) {
      products[key] = await createProduct(shop, admin, { ...spec, onHand: 20 });
    }

    const tree = await shop.call('GET', '/api/v1/categories');
    assert.deepEqual(
      tree.body.items.map((c: Json) => [c.name, c.children.map((child: Json) => child.name)]),
      [
        ['Tea', ['Black tea', 'Green tea']],
        ['Teaware', []],
      ],
    );
    const sencha = await shop.call('GET', `/api/v1/products/${products.sencha!.id}`);
    assert.deepEqual(
      [sencha.body.price, sencha.body.available, sencha.body.inStock, sencha.body.rating.count],
      [1200, 20, true, 0],
    );
  });

  it('an earlier customer bought black tea and cups: the shop has best sellers', async () => {
    const cyd = await registerCustomer(shop, 'Cyd');
    await buy(shop, cyd, [
      { productId: products.assam!.id, quantity: 1 },
      { productId: products.cups!.id, quantity: 1 },
    ]);
  });

  it('a customer registers, verifies the address from the mailed link, and logs in', async () => {
    const registered = await registerCustomer(shop, 'Ada');
    // Mailed after the answer, with the token in the fragment (never sent to a server, never logged).
    const link = await waitFor(async () => {
      const found = (await shop.mailbox(registered.email))
        .flatMap((mail) => mail.links)
        .find((l) => l.includes('verify-email#token='));
      assert.ok(found, 'a verification link was mailed');
      return found;
    });
    const verified = await shop.call('POST', '/api/v1/auth/verify-email', {
      body: { token: new URLSearchParams(new URL(link).hash.slice(1)).get('token') },
    });
    assert.equal(verified.status, 204, JSON.stringify(verified.body));
    ada = { ...registered, token: await logIn(shop, registered.email) };
    const me = await shop.call('GET', '/api/v1/users/me', { token: ada.token });
    assert.deepEqual([me.body.id, me.body.emailVerified], [ada.id, true]);
  });

  /** What the model learnt from purchases, without the best-rated fill of a young shop. */
  const learnt = <T extends { reason: string }>(items: T[]) =>
    items.filter((item) => item.reason !== 'Top rated');

  it('is recommended the best sellers while the shop knows nothing of her taste', async () => {
    await waitFor(
      async () => {
        const items = await recommendationsOf(ada);
        assert.deepEqual(
          items
            .slice(0, 2)
            .map((item) => [item.name, item.reason])
            .sort(),
          [
            ['Assam black tea', 'Popular right now'],
            ['Stoneware cups', 'Popular right now'],
          ],
          `cold start, best sellers first: ${JSON.stringify(items)}`,
        );
        assert.ok(
          items.slice(2).every((item) => item.reason === 'Top rated'),
          `then the catalogue's best rated: ${JSON.stringify(items)}`,
        );
      },
      { timeoutMs: 15_000 },
    );
  });

  it('searches with filters', async () => {
    const japaneseGreen = await shop.call(
      'GET',
      '/api/v1/products?q=green&category=tea&attr.origin=japan&maxPrice=2000&inStock=true',
    );
    assert.equal(japaneseGreen.status, 200, JSON.stringify(japaneseGreen.body));
    assert.deepEqual(names(japaneseGreen.body.items), ['Sencha green tea']);
    assert.equal(japaneseGreen.body.total, 1);
    // Each facet ignores its own filter: the brand facet still counts what the other filters let through.
    assert.deepEqual(japaneseGreen.body.facets.brands, [{ value: 'Leafy', count: 1 }]);

    const leafyByPrice = await shop.call('GET', '/api/v1/products?category=tea&brand=Leafy&sort=price_asc');
    assert.deepEqual(names(leafyByPrice.body.items), [
      'Assam black tea',
      'Sencha green tea',
      'Longjing green tea',
      'Gyokuro green tea',
    ]);
    const unknownFilter = await shop.call('GET', '/api/v1/products?colour=green');
    assert.equal(unknownFilter.status, 400);
  });

  it('favorites two items', async () => {
    await favorite(shop, ada, products.gyokuro!.id);
    await favorite(shop, ada, products.longjing!.id);
    const favorites = await shop.call('GET', '/api/v1/users/me/favorites', { token: ada.token });
    assert.deepEqual(
      favorites.body.items.map((f: Json) => [f.product.name, f.product.price, f.product.available]),
      [
        ['Longjing green tea', 1800, true],
        ['Gyokuro green tea', 2600, true],
      ],
      'newest first, hydrated from products',
    );
  });

  it('fills the cart and checks out with a card that succeeds', async () => {
    await putInCart(shop, ada, products.sencha!.id, 2);
    const cart = await putInCart(shop, ada, products.teapot!.id, 1);
    assert.deepEqual([cart.itemCount, cart.subtotal, cart.currency], [3, 6900, 'EUR']);

    const placed = await checkout(shop, ada, 'pm_card_visa');
    assert.equal(placed.status, 201, JSON.stringify(placed.body));
    assert.deepEqual(
      [placed.body.status, placed.body.subtotal, placed.body.shipping, placed.body.total],
      ['paid', 6900, 0, 6900],
      'free shipping from 50.00',
    );
    assert.equal(placed.body.payment.status, 'succeeded');
    firstOrder = placed.body.id;

    assert.deepEqual((await shop.call('GET', '/api/v1/cart', { token: ada.token })).body.items, []);
    assert.deepEqual(await stockOf(shop, admin, products.sencha!.id), { onHand: 18, reserved: 0 });
    assert.deepEqual(await stockOf(shop, admin, products.teapot!.id), { onHand: 19, reserved: 0 });
  });

  it('follows the order live while the admin ships and delivers it', async () => {
    const events = await followOrder(shop.stack.gatewayUrl, firstOrder, ada.token);
    assert.equal((await events.next())?.status, 'paid', 'the current status first');

    await ship(shop, admin, firstOrder, TRACKING);
    const shipped = await events.next();
    assert.equal(shipped?.status, 'shipped');
    assert.deepEqual(shipped?.tracking, { carrier: 'La Poste', trackingNumber: TRACKING });

    await deliver(shop, admin, firstOrder);
    assert.equal((await events.next())?.status, 'delivered');
    assert.equal(await events.next(), undefined, 'the stream ends once the order is settled');

    const order = await shop.call('GET', `/api/v1/orders/${firstOrder}`, { token: ada.token });
    assert.deepEqual(
      order.body.timeline.map((t: Json) => t.status),
      ['pending', 'awaiting_payment', 'paid', 'shipped', 'delivered'],
    );
  });

  it('mails the customer when the order is paid, shipped (with the tracking number) and delivered', async () => {
    const mails = await waitFor(
      async () => {
        const inbox = await shop.mailbox(ada.email);
        const about = inbox.filter((mail) => mail.subject.includes(firstOrder));
        assert.equal(about.length, 3, `three mails about the order, got ${about.map((m) => m.subject)}`);
        return about;
      },
      { timeoutMs: 20_000 },
    );
    assert.deepEqual(mails.map((mail) => mail.subject).sort(), [
      `Thank you for your order ${firstOrder}`,
      `Your order ${firstOrder} has shipped`,
      `Your order ${firstOrder} was delivered`,
    ]);
    const shippedMail = mails.find((mail) => mail.subject.endsWith('has shipped'))!;
    assert.match(shippedMail.text, new RegExp(`Tracking number: ${TRACKING}`));
    const paidMail = mails.find((mail) => mail.subject.startsWith('Thank you'))!;
    assert.match(paidMail.text, /2 × Sencha green tea {2}€24\.00/);
    assert.match(paidMail.text, /Total: €69\.00/);
  });

  it('writes a review that shows as a verified purchase, and the rating summary moves', async () => {
    const before = await shop.call('GET', `/api/v1/products/${products.sencha!.id}`);
    assert.deepEqual(before.body.rating, {
      average: 0,
      count: 0,
      histogram: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
    });
    const written = await review(shop, ada, products.sencha!.id, 5);
    // The purchase reaches products by event: the mark is there at once or appears when it arrives.
    await waitFor(
      async () => {
        const reviews = await shop.call('GET', `/api/v1/products/${products.sencha!.id}/reviews`);
        assert.deepEqual(
          reviews.body.items.map((r: Json) => [r.id, r.authorName, r.rating, r.verifiedPurchase]),
          [[written.id, 'Ada', 5, true]],
          'verified',
        );
      },
      { timeoutMs: 15_000 },
    );
    const after = await shop.call('GET', `/api/v1/products/${products.sencha!.id}`);
    assert.deepEqual(after.body.rating, {
      average: 5,
      count: 1,
      histogram: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 1 },
    });
    const rated = await shop.call('GET', '/api/v1/products?category=tea&minRating=5');
    assert.deepEqual(names(rated.body.items), ['Sencha green tea'], 'search sees the rating too');
  });

  it('gets recommendations that change once another customer buys related items', async () => {
    // Bought, favorited and reviewed products are never proposed; the best sellers left are ranked by taste.
    const before = await waitFor(
      async () => {
        const items = await recommendationsOf(ada);
        assert.deepEqual(
          names(learnt(items)).sort(),
          ['Assam black tea', 'Stoneware cups'],
          `recommended before: ${JSON.stringify(items)}`,
        );
        assert.ok(
          items.every((item) => !item.reason.startsWith('Because you')),
          `nothing bought together with hers yet: ${JSON.stringify(items)}`,
        );
        return items;
      },
      { timeoutMs: 15_000 },
    );
    const cups = before.find((item) => item.id === products.cups!.id);
    assert.deepEqual(
      [cups.name, cups.price, cups.currency, cups.inStock, cups.rating],
      ['Stoneware cups', 1800, 'EUR', true, { average: 0, count: 0 }],
      'hydrated from products',
    );

    const ben = await registerCustomer(shop, 'Ben');
    await buy(shop, ben, [
      { productId: products.teapot!.id, quantity: 1 },
      { productId: products.kettle!.id, quantity: 1 },
    ]);

    const after = await waitFor(
      async () => {
        const items = await recommendationsOf(ada);
        assert.equal(names(items)[0], 'Gooseneck kettle', `recommended after: ${JSON.stringify(items)}`);
        return items;
      },
      { timeoutMs: 15_000 },
    );
    assert.equal(after[0].reason, 'Because you bought Cast-iron teapot');
    assert.deepEqual(names(learnt(after)).sort(), ['Assam black tea', 'Gooseneck kettle', 'Stoneware cups']);

    // Products learns "bought together" from the same events, on its own schedule.
    await waitFor(
      async () => {
        const related = await shop.call('GET', `/api/v1/products/${products.teapot!.id}/related`);
        assert.deepEqual(
          names(related.body.items.slice(0, 2)).sort(),
          ['Gooseneck kettle', 'Sencha green tea'],
          'bought together with the teapot',
        );
      },
      { timeoutMs: 15_000 },
    );
  });

  it('reorders at today’s prices', async () => {
    await editProduct(shop, admin, products.teapot!.id, { price: 4200 });
    const reordered = await shop.call('POST', `/api/v1/orders/${firstOrder}/reorder`, { token: ada.token });
    assert.equal(reordered.status, 200, JSON.stringify(reordered.body));
    assert.deepEqual(
      names(reordered.body.added).map((name, i) => [name, reordered.body.added[i].quantity]),
      [
        ['Sencha green tea', 2],
        ['Cast-iron teapot', 1],
      ],
    );
    assert.deepEqual(reordered.body.unavailable, []);
    assert.deepEqual(
      reordered.body.priceChanges.map((c: Json) => [c.productId, c.oldUnitPrice, c.newUnitPrice]),
      [[products.teapot!.id, 4500, 4200]],
    );
    assert.deepEqual([reordered.body.cart.itemCount, reordered.body.cart.subtotal], [3, 6600]);
  });

  it('a declined card leaves stock, cart and mailbox as they were', async () => {
    const stockBefore = {
      sencha: await stockOf(shop, admin, products.sencha!.id),
      teapot: await stockOf(shop, admin, products.teapot!.id),
    };
    const declined = await checkout(shop, ada, 'pm_card_chargeDeclined');
    assert.equal(declined.status, 201, JSON.stringify(declined.body));
    assert.equal(declined.body.status, 'payment_failed');
    assert.equal(declined.body.payment.failureReason, 'Your card was declined.');

    // The hold is released by the saga's void step.
    await waitFor(
      async () =>
        assert.deepEqual(
          {
            sencha: await stockOf(shop, admin, products.sencha!.id),
            teapot: await stockOf(shop, admin, products.teapot!.id),
          },
          stockBefore,
          'stock unchanged, nothing held',
        ),
      { timeoutMs: 15_000 },
    );
    const cart = await shop.call('GET', '/api/v1/cart', { token: ada.token });
    assert.deepEqual(
      cart.body.items.map((line: Json) => [line.name, line.quantity]).sort(),
      [
        ['Cast-iron teapot', 1],
        ['Sencha green tea', 2],
      ],
      'the cart is kept for another card',
    );
    const orders = await shop.call('GET', '/api/v1/orders', { token: ada.token });
    assert.deepEqual(
      orders.body.items.map((o: Json) => [o.id, o.status]),
      [
        [declined.body.id, 'payment_failed'],
        [firstOrder, 'delivered'],
      ],
    );
    const subjects = (await shop.mailbox(ada.email)).map((mail) => mail.subject);
    assert.ok(!subjects.some((s) => s.includes(declined.body.id)), 'no mail about the declined order');
    assert.equal(subjects.length, 4, `verification and three order mails: ${subjects}`);
  });
});
