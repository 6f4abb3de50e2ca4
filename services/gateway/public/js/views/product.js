// @ts-check
import { ApiError } from '../api.js';
import { date, fields, h, money, notice, picture, problemText, show, stars } from '../dom.js';
import { productGrid } from './product-card.js';

/**
 * @typedef {import('../api.js').ApiProblem} ApiProblem
 * @typedef {import('../app.js').View} View
 * @typedef {import('../app.js').Shop} Shop
 * @typedef {import('../api.js').Answer<'/api/v1/products/{id}', 'get'>} Product
 * @typedef {import('../api.js').Answer<'/api/v1/products/{id}/reviews', 'get'>['items'][number]} Review
 * @typedef {'newest' | 'helpful' | 'highest' | 'lowest'} ReviewOrder
 */

/**
 * A product: details, availability, rating summary, reviews, and what shoppers do with it.
 * @type {View}
 */
export async function product(main, { params: [idOrSlug], shop, signal }) {
  const item = await shop.api.get('/api/v1/products/{id}', { params: { id: idOrSlug } });
  const [related, favorite] = await Promise.all([
    shop.api.get('/api/v1/products/{id}/related', { params: { id: item.id }, query: { limit: 4 } }).then(
      (r) => r.items,
      () => [],
    ),
    isFavorite(shop, item.id),
  ]);
  if (signal.aborted) return;
  const status = h('div', { class: 'status' });
  const reviews = h('section', { class: 'reviews' });

  show(
    main,
    h(
      'div',
      { class: 'product' },
      picture(item.images[0], item.name, 'hero'),
      h(
        'div',
        {},
        h('h1', {}, item.name),
        h('p', { class: 'dim' }, item.brand),
        h('p', { class: 'price big' }, money(item.price, item.currency)),
        h(
          'p',
          {},
          item.inStock
            ? `In stock (${item.available} available)`
            : h('span', { class: 'badge' }, 'Out of stock'),
        ),
        buy(item, shop, status),
        favoriteButton(item, favorite, shop, status),
        status,
        h('p', {}, item.description),
        attributes(item.attributes),
      ),
    ),
    h('section', { class: 'rating' }, h('h2', {}, 'Ratings'), ratingSummary(item.rating)),
    reviews,
    related.length > 0 && [h('h2', {}, 'Customers also bought'), productGrid(related)],
  );
  await showReviews(reviews, item, shop, 'newest');
}

/**
 * @param {Product} item
 * @param {Shop} shop
 * @param {HTMLElement} status
 */
function buy(item, shop, status) {
  const quantity = h('input', {
    type: 'number',
    name: 'quantity',
    min: 1,
    max: 99,
    value: 1,
    'aria-label': 'Quantity',
  });
  return h(
    'form',
    {
      class: 'inline',
      onsubmit: async (/** @type {SubmitEvent} */ event) => {
        event.preventDefault();
        if (!shop.api.signedIn()) return shop.go(`/login?next=${encodeURIComponent(shop.here())}`);
        try {
          const cart = await shop.api.get('/api/v1/cart');
          const already = cart.items.find((line) => line.productId === item.id)?.quantity ?? 0;
          await shop.api.put(
            '/api/v1/cart/items/{productId}',
            { quantity: already + Number(quantity.value) },
            { params: { productId: item.id } },
          );
          show(status, notice('ok', 'Added to your cart. ', h('a', { href: '#/cart' }, 'See the cart')));
          await shop.refreshCart();
        } catch (error) {
          show(status, notice('error', problemText(error)));
        }
      },
    },
    quantity,
    h('button', { type: 'submit', disabled: !item.inStock }, 'Add to cart'),
  );
}

/**
 * @param {Shop} shop
 * @param {string} productId
 */
async function isFavorite(shop, productId) {
  if (!shop.api.signedIn()) return false;
  /** @type {{ items: { productId: string }[] }} */
  const list = await shop.api
    .get('/api/v1/users/me/favorites', { query: { limit: 100 } })
    .catch(() => ({ items: [] }));
  return list.items.some((favorite) => favorite.productId === productId);
}

/**
 * @param {Product} item
 * @param {boolean} initially
 * @param {Shop} shop
 * @param {HTMLElement} status
 */
function favoriteButton(item, initially, shop, status) {
  let favorite = initially;
  const button = h('button', { type: 'button', class: 'secondary' });
  const label = () => (button.textContent = favorite ? '♥ In your favorites' : '♡ Add to favorites');
  button.addEventListener('click', async () => {
    if (!shop.api.signedIn()) return shop.go(`/login?next=${encodeURIComponent(shop.here())}`);
    try {
      const params = { productId: item.id };
      if (favorite) await shop.api.delete('/api/v1/users/me/favorites/{productId}', { params });
      else await shop.api.put('/api/v1/users/me/favorites/{productId}', undefined, { params });
      favorite = !favorite;
      label();
    } catch (error) {
      show(status, notice('error', problemText(error)));
    }
  });
  label();
  return button;
}

/** @param {Product['attributes']} values */
function attributes(values) {
  const entries = Object.entries(values ?? {});
  if (entries.length === 0) return null;
  return h(
    'table',
    { class: 'attributes' },
    entries.map(([name, value]) =>
      h(
        'tr',
        {},
        h('th', {}, name.replaceAll('_', ' ')),
        h('td', {}, Array.isArray(value) ? value.join(', ') : String(value)),
      ),
    ),
  );
}

/** @param {Product['rating']} rating */
function ratingSummary(rating) {
  /** @type {Partial<Record<number, number>>} */
  const histogram = rating.histogram ?? {};
  return h(
    'div',
    {},
    h('p', {}, stars(rating.average), ` ${rating.average.toFixed(1)} of 5 · ${rating.count} reviews`),
    h(
      'table',
      { class: 'histogram' },
      [5, 4, 3, 2, 1].map((star) => {
        const count = histogram[star] ?? 0;
        const share = rating.count > 0 ? Math.round((100 * count) / rating.count) : 0;
        return h(
          'tr',
          {},
          h('th', {}, `${star}★`),
          h('td', {}, h('meter', { min: 0, max: 100, value: share, title: `${share} %` })),
          h('td', { class: 'dim' }, count),
        );
      }),
    ),
  );
}

/**
 * @param {HTMLElement} section
 * @param {Product} item
 * @param {Shop} shop
 * @param {ReviewOrder} sort
 */
async function showReviews(section, item, shop, sort) {
  const params = { id: item.id };
  const page = await shop.api.get('/api/v1/products/{id}/reviews', { params, query: { sort, limit: 10 } });
  const list = h(
    'ol',
    { class: 'review-list' },
    page.items.map((review) => reviewItem(review, shop)),
  );
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
              const next = await shop.api.get('/api/v1/products/{id}/reviews', {
                params,
                query: { sort, limit: 10, cursor },
              });
              list.append(...next.items.map((review) => reviewItem(review, shop)));
              addMore(next.nextCursor);
            },
          },
          'More reviews',
        ),
    );
  addMore(page.nextCursor);
  show(
    section,
    h(
      'div',
      { class: 'toolbar' },
      h('h2', {}, 'Reviews'),
      h(
        'select',
        {
          'aria-label': 'Sort reviews',
          onchange: (/** @type {Event} */ event) =>
            showReviews(
              section,
              item,
              shop,
              /** @type {ReviewOrder} */ (/** @type {HTMLSelectElement} */ (event.target).value),
            ),
        },
        [
          ['newest', 'Newest'],
          ['helpful', 'Most helpful'],
          ['highest', 'Highest rated'],
          ['lowest', 'Lowest rated'],
        ].map(([value, label]) => h('option', { value, selected: value === sort }, label)),
      ),
    ),
    shop.api.signedIn()
      ? reviewForm(section, item, shop)
      : h(
          'p',
          {},
          h('a', { href: `#/login?next=${encodeURIComponent(shop.here())}` }, 'Sign in'),
          ' to write a review.',
        ),
    page.items.length === 0 ? h('p', { class: 'dim' }, 'No reviews yet.') : list,
    more,
  );
}

/**
 * @param {Review} review
 * @param {Shop} shop
 */
function reviewItem(review, shop) {
  const helpful = h(
    'button',
    {
      type: 'button',
      class: 'link',
      onclick: async () => {
        if (!shop.api.signedIn()) return shop.go(`/login?next=${encodeURIComponent(shop.here())}`);
        /** @type {{ helpfulCount: number, error?: undefined } | { helpfulCount?: undefined, error: unknown }} */
        const answer = await shop.api
          .post('/api/v1/reviews/{id}/helpful', undefined, { params: { id: review.id } })
          .catch((error) => ({ error }));
        helpful.textContent = answer.error ? problemText(answer.error) : `Helpful (${answer.helpfulCount})`;
      },
    },
    `Helpful (${review.helpfulCount})`,
  );
  return h(
    'li',
    {},
    h('p', {}, stars(review.rating), ' ', h('strong', {}, review.title)),
    h(
      'p',
      { class: 'dim' },
      `${review.authorName} · ${date(review.createdAt)}`,
      review.verifiedPurchase && h('span', { class: 'badge ok' }, 'Verified purchase'),
    ),
    h('p', {}, review.body),
    helpful,
  );
}

/**
 * @param {HTMLElement} section
 * @param {Product} item
 * @param {Shop} shop
 */
function reviewForm(section, item, shop) {
  const status = h('div');
  return h(
    'details',
    {},
    h('summary', {}, 'Write a review'),
    h(
      'form',
      {
        class: 'stack',
        onsubmit: async (/** @type {SubmitEvent} */ event) => {
          event.preventDefault();
          const { rating, title, body } = fields(/** @type {HTMLFormElement} */ (event.target));
          try {
            await shop.api.post(
              '/api/v1/products/{id}/reviews',
              { rating: Number(rating), title, body },
              { params: { id: item.id } },
            );
            await showReviews(section, item, shop, 'newest');
          } catch (error) {
            const text =
              error instanceof ApiError && /** @type {ApiProblem} */ (error).code === 'review_exists'
                ? 'You have already reviewed this product.'
                : problemText(error);
            show(status, notice('error', text));
          }
        },
      },
      h(
        'label',
        {},
        'Rating ',
        h(
          'select',
          { name: 'rating' },
          [5, 4, 3, 2, 1].map((n) => h('option', { value: n }, `${n}★`)),
        ),
      ),
      h('label', {}, 'Title', h('input', { name: 'title', required: true, maxlength: 120 })),
      h('label', {}, 'Review', h('textarea', { name: 'body', required: true, maxlength: 5000, rows: 4 })),
      status,
      h('button', { type: 'submit' }, 'Publish'),
    ),
  );
}
