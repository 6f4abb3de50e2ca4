// @ts-check
import { date, h, money, notice, problemText, show } from '../dom.js';

/**
 * @typedef {import('../app.js').View} View
 * @typedef {import('../app.js').Shop} Shop
 * @typedef {import('../api.js').Answer<'/api/v1/orders/{id}', 'get'>} Order
 * @typedef {import('../api.js').Answer<'/api/v1/orders', 'get'>['items'][number]} OrderSummary
 */

/** @type {Record<string, string | undefined>} */
const STATUS = {
  pending: 'Placed',
  awaiting_payment: 'Awaiting payment',
  paid: 'Paid',
  shipped: 'Shipped',
  delivered: 'Delivered',
  rejected: 'Not placed: out of stock',
  payment_failed: 'Payment failed',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
};
const CANCELLABLE = new Set(['pending', 'awaiting_payment', 'paid']);

/** @type {View} */
export async function orderList(main, { shop, signal }) {
  const page = await shop.api.get('/api/v1/orders', { query: { limit: 20 } });
  if (signal.aborted) return;
  if (page.items.length === 0) return show(main, h('h1', {}, 'Your orders'), h('p', {}, 'No orders yet.'));
  const rows = h('tbody', {}, page.items.map(orderRow));
  const more = h('div', { class: 'more' });
  /** @param {string | null | undefined} cursor */
  const addMore = (cursor) =>
    show(
      more,
      cursor &&
        h(
          'button',
          {
            type: 'button',
            onclick: async () => {
              const next = await shop.api.get('/api/v1/orders', { query: { limit: 20, cursor } });
              rows.append(...next.items.map(orderRow));
              addMore(next.nextCursor);
            },
          },
          'Older orders',
        ),
    );
  addMore(page.nextCursor);
  show(
    main,
    h('h1', {}, 'Your orders'),
    h(
      'table',
      { class: 'lines' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Date', 'Order', 'Status', 'Items', 'Total'].map((t) => h('th', {}, t)),
        ),
      ),
      rows,
    ),
    more,
  );
}

/** @param {OrderSummary} order */
function orderRow(order) {
  return h(
    'tr',
    {},
    h('td', {}, date(order.createdAt)),
    h('td', {}, h('a', { href: `#/orders/${order.id}` }, order.id.slice(0, 8))),
    h('td', {}, STATUS[order.status] ?? order.status),
    h('td', {}, order.itemCount),
    h('td', {}, money(order.total, order.currency)),
  );
}

/**
 * One order, kept current over Server-Sent Events until it is settled.
 * @type {View}
 */
export async function orderDetail(main, { params: [id], shop, signal }) {
  const live = h('span', { class: 'live' });
  const body = h('div');
  const status = h('div'); // outside the part redrawn on each event, so messages stay
  const refresh = async () => {
    const order = await shop.api.get('/api/v1/orders/{id}', { params: { id } });
    if (!signal.aborted) show(body, orderView(order, shop, refresh, status));
  };
  await refresh();
  show(main, h('div', { class: 'toolbar' }, h('h1', {}, `Order ${id.slice(0, 8)}`), live), status, body);

  show(live, '● live');
  shop.api
    .follow(
      '/api/v1/orders/{id}/events',
      { id },
      (event) => event.event === 'status' && void refresh(),
      signal,
    )
    .then(
      () => show(live, ''),
      () => show(live, signal.aborted ? '' : 'updates paused; reload to resume'),
    );
}

/**
 * @param {Order} order
 * @param {Shop} shop
 * @param {() => Promise<void>} refresh
 * @param {HTMLElement} status
 */
function orderView(order, shop, refresh, status) {
  /**
   * @param {string} label
   * @param {() => Promise<unknown>} request
   */
  const act = (label, request, className = 'secondary') =>
    h(
      'button',
      {
        type: 'button',
        class: className,
        onclick: async () => {
          try {
            await request();
          } catch (error) {
            show(status, notice('error', problemText(error)));
          }
        },
      },
      label,
    );
  return [
    h('p', { class: 'order-status' }, STATUS[order.status] ?? order.status),
    order.status === 'payment_failed' &&
      notice(
        'error',
        order.payment.failureReason ?? 'The card was declined.',
        ' Your cart is kept: ',
        h('a', { href: '#/checkout' }, 'try another card'),
        '.',
      ),
    order.payment.nextAction?.redirectUrl &&
      order.status === 'awaiting_payment' &&
      h(
        'p',
        {},
        h(
          'a',
          { class: 'button', href: order.payment.nextAction.redirectUrl },
          'Confirm the payment with your bank',
        ),
      ),
    order.tracking &&
      h(
        'p',
        {},
        `Shipped with ${order.tracking.carrier}, tracking number `,
        h('strong', {}, order.tracking.trackingNumber),
      ),
    h(
      'div',
      { class: 'actions' },
      CANCELLABLE.has(order.status) &&
        act('Cancel the order', async () => {
          await shop.api.post('/api/v1/orders/{id}/cancel', undefined, { params: { id: order.id } });
          await refresh();
        }),
      act('Order again', async () => {
        const result = await shop.api.post('/api/v1/orders/{id}/reorder', undefined, {
          params: { id: order.id },
        });
        await shop.refreshCart();
        const missing = result.unavailable.map((line) => line.name);
        show(
          status,
          notice(
            'ok',
            'Added to your cart. ',
            missing.length > 0 && `Not available: ${missing.join(', ')}. `,
            h('a', { href: '#/cart' }, 'See the cart'),
          ),
        );
      }),
    ),
    h(
      'table',
      { class: 'lines' },
      order.lines.map((line) =>
        h(
          'tr',
          {},
          h('td', {}, h('a', { href: `#/products/${line.productId}` }, line.name)),
          h('td', {}, `${line.quantity} × ${money(line.unitPrice, order.currency)}`),
          h('td', {}, money(line.lineTotal, order.currency)),
        ),
      ),
      h('tr', {}, h('td', { colspan: 2 }, 'Shipping'), h('td', {}, money(order.shipping, order.currency))),
      h(
        'tr',
        { class: 'total' },
        h('td', { colspan: 2 }, 'Total'),
        h('td', {}, money(order.total, order.currency)),
      ),
    ),
    order.shippingAddress &&
      h(
        'p',
        {},
        'Delivered to ',
        [
          order.shippingAddress.name,
          order.shippingAddress.line1,
          order.shippingAddress.line2,
          `${order.shippingAddress.postalCode} ${order.shippingAddress.city}`,
          order.shippingAddress.country,
        ]
          .filter(Boolean)
          .join(', '),
      ),
    h('h2', {}, 'History'),
    h(
      'ol',
      { class: 'timeline' },
      order.timeline.map((entry) =>
        h(
          'li',
          {},
          h('strong', {}, STATUS[entry.status] ?? entry.status),
          ` · ${date(entry.at)}`,
          entry.reason && h('span', { class: 'dim' }, ` – ${entry.reason}`),
        ),
      ),
    ),
  ];
}
