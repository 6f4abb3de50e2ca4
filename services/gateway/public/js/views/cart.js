// @ts-check
import { h, money, notice, picture, problemText, show } from '../dom.js';

/** @typedef {import('../app.js').ViewContext} ViewContext */

/** @type {Record<string, string | undefined>} */
const WHY_UNAVAILABLE = {
  product_deleted: 'No longer sold',
  not_for_sale: 'Not for sale at the moment',
  unknown_product: 'Unknown product',
};

/**
 * The cart at today's prices, with what stands in the way of checking out.
 * @param {HTMLElement} main
 * @param {Pick<ViewContext, 'shop' | 'signal'>} context
 */
export async function cart(main, { shop, signal }) {
  const content = await shop.api.get('/api/v1/cart');
  if (signal.aborted) return;
  const status = h('div');
  const redraw = () => cart(main, { shop, signal });
  /** @param {() => Promise<unknown>} request */
  const change = async (request) => {
    try {
      await request();
      await Promise.all([redraw(), shop.refreshCart()]);
    } catch (error) {
      show(status, notice('error', problemText(error)));
    }
  };

  if (content.items.length === 0) {
    return show(
      main,
      h('h1', {}, 'Your cart'),
      h('p', {}, 'Your cart is empty. ', h('a', { href: '#/search' }, 'Browse the shop')),
    );
  }
  const blocked = content.items.some((line) => line.status !== 'available');
  show(
    main,
    h('h1', {}, 'Your cart'),
    content.stale &&
      notice('info', 'Prices and stock could not be checked just now; they are the last known ones.'),
    status,
    h(
      'table',
      { class: 'lines' },
      h(
        'tr',
        {},
        h('th', {}, 'Product'),
        h('th', {}, 'Price'),
        h('th', {}, 'Quantity'),
        h('th', {}, 'Total'),
        h('th'),
      ),
      content.items.map((line) =>
        h(
          'tr',
          {},
          h(
            'td',
            { class: 'product-cell' },
            picture(line.image, line.name ?? '', 'thumb'),
            h(
              'div',
              {},
              h('a', { href: `#/products/${line.productId}` }, line.name ?? 'A product no longer sold'),
              line.status === 'unavailable' &&
                h(
                  'p',
                  { class: 'notice error' },
                  `${WHY_UNAVAILABLE[String(line.unavailableReason)] ?? 'Unavailable'}: remove it to check out.`,
                ),
              line.status === 'insufficient_stock' &&
                h('p', { class: 'notice error' }, `Only ${line.availableQuantity} left: lower the quantity.`),
              line.priceChanged &&
                h(
                  'p',
                  { class: 'notice info' },
                  `The price changed since you added it (was ${money(line.addedUnitPrice, content.currency)}).`,
                ),
            ),
          ),
          h('td', {}, money(line.unitPrice, content.currency)),
          h(
            'td',
            {},
            h('input', {
              type: 'number',
              min: 0,
              max: 99,
              value: line.quantity,
              'aria-label': 'Quantity',
              onchange: (/** @type {Event} */ event) =>
                change(() =>
                  shop.api.put(
                    '/api/v1/cart/items/{productId}',
                    { quantity: Number(/** @type {HTMLInputElement} */ (event.target).value) },
                    { params: { productId: line.productId } },
                  ),
                ),
            }),
          ),
          h('td', {}, money(line.lineTotal, content.currency)),
          h(
            'td',
            {},
            h(
              'button',
              {
                type: 'button',
                class: 'link',
                onclick: () =>
                  change(() =>
                    shop.api.delete('/api/v1/cart/items/{productId}', {
                      params: { productId: line.productId },
                    }),
                  ),
              },
              'Remove',
            ),
          ),
        ),
      ),
    ),
    h(
      'p',
      { class: 'total' },
      `Subtotal (${content.itemCount} items): `,
      h('strong', {}, money(content.subtotal, content.currency)),
    ),
    h(
      'p',
      {},
      h('button', { type: 'button', disabled: blocked, onclick: () => shop.go('/checkout') }, 'Check out'),
    ),
  );
}
