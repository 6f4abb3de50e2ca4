// @ts-check
import { h, money, notice, picture, problemText, show } from '../dom.js';

/** @typedef {import('../app.js').ViewContext} ViewContext */

/**
 * The shopper's favorites, with the ones no longer sold shown as such.
 * @param {HTMLElement} main
 * @param {Pick<ViewContext, 'shop' | 'signal'>} context
 */
export async function favorites(main, { shop, signal }) {
  const page = await shop.api.get('/api/v1/users/me/favorites', { query: { limit: 100 } });
  if (signal.aborted) return;
  const status = h('div');
  const redraw = () => favorites(main, { shop, signal });
  /**
   * @param {() => Promise<unknown>} request
   * @param {() => Promise<unknown>} [then]
   */
  const act = async (request, then = redraw) => {
    try {
      await request();
      await then();
    } catch (error) {
      show(status, notice('error', problemText(error)));
    }
  };
  if (page.items.length === 0) {
    return show(main, h('h1', {}, 'Favorites'), h('p', {}, 'Nothing yet: the ♡ on a product keeps it here.'));
  }
  show(
    main,
    h('h1', {}, 'Favorites'),
    status,
    h(
      'ul',
      { class: 'favorites' },
      page.items.map(({ productId, product }) =>
        h(
          'li',
          {},
          picture(product?.image, product?.name ?? '', 'thumb'),
          h(
            'div',
            {},
            product
              ? h('a', { href: `#/products/${productId}` }, product.name)
              : h(
                  'span',
                  { class: 'dim' },
                  product === null ? 'No longer sold' : 'Details unavailable right now',
                ),
            product &&
              h('p', {}, money(product.price, product.currency), product.available ? '' : ' · out of stock'),
          ),
          h(
            'div',
            { class: 'actions' },
            product?.available &&
              h(
                'button',
                {
                  type: 'button',
                  onclick: () =>
                    act(
                      () =>
                        shop.api.put(
                          '/api/v1/cart/items/{productId}',
                          { quantity: 1 },
                          { params: { productId } },
                        ),
                      async () => {
                        await shop.refreshCart();
                        show(
                          status,
                          notice('ok', 'Added to your cart. ', h('a', { href: '#/cart' }, 'See the cart')),
                        );
                      },
                    ),
                },
                'Add to cart',
              ),
            h(
              'button',
              {
                type: 'button',
                class: 'link',
                onclick: () =>
                  act(() =>
                    shop.api.delete('/api/v1/users/me/favorites/{productId}', { params: { productId } }),
                  ),
              },
              'Remove',
            ),
          ),
        ),
      ),
    ),
  );
}
