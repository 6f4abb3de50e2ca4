// @ts-check
import { h, show } from '../dom.js';
import { productGrid } from './product-card.js';

/** @typedef {import('../app.js').View} View */

/**
 * Start page: picks for a signed-in shopper (when the shop has them), departments, best rated.
 * @type {View}
 */
export async function home(main, { shop, signal }) {
  const [recommended, categories, best] = await Promise.all([
    recommendations(shop),
    shop.api.get('/api/v1/categories'),
    shop.api.get('/api/v1/products', { query: { sort: 'rating', inStock: true, limit: 8 } }),
  ]);
  if (signal.aborted) return;
  show(
    main,
    recommended.length > 0 && [
      h('h2', {}, 'Picked for you'),
      productGrid(recommended, (item) => item.reason),
    ],
    h('h2', {}, 'Departments'),
    h(
      'ul',
      { class: 'chips' },
      categories.items.map((category) =>
        h(
          'li',
          {},
          h('a', { href: `#/search?category=${encodeURIComponent(category.slug)}` }, category.name),
        ),
      ),
    ),
    h('h2', {}, 'Best rated'),
    productGrid(best.items),
  );
}

/**
 * Recommendations are optional: signed out, not offered by this shop yet (404) or failing, none.
 * @param {import('../app.js').Shop} shop
 */
async function recommendations(shop) {
  if (!shop.api.signedIn()) return [];
  try {
    return (await shop.api.get('/api/v1/users/me/recommendations', { query: { limit: 8 } })).items;
  } catch {
    return [];
  }
}
