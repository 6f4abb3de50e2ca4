// @ts-check
import { h, money, notice, show } from '../dom.js';
import { productCard } from './product-card.js';

/**
 * @typedef {import('../app.js').View} View
 * @typedef {import('../api.js').Answer<'/api/v1/products', 'get'>} SearchPage
 * @typedef {(change: (next: URLSearchParams) => void) => void} Go the search with `change` made to its filters
 * @typedef {(name: string, value: string | number | undefined) => void} SetFilter the search with one filter set (undefined: removed)
 */

const FILTERS = ['q', 'category', 'brand', 'minPrice', 'maxPrice', 'minRating', 'inStock', 'sort'];
const SORTS = [
  ['', 'Best match'],
  ['price_asc', 'Price: low to high'],
  ['price_desc', 'Price: high to low'],
  ['rating', 'Best rated'],
  ['newest', 'Newest'],
];

/**
 * Search and browse: results with facets counted for the current query and filters.
 * @type {View}
 */
export async function catalog(main, { query, shop, signal }) {
  const params = new URLSearchParams([...query].filter(([name]) => FILTERS.includes(name)));
  const page = await shop.api.get('/api/v1/products', {
    query: new URLSearchParams([...params, ['limit', '24']]),
  });
  if (signal.aborted) return;

  /** @type {Go} */
  const go = (change) => {
    const next = new URLSearchParams(params);
    change(next);
    shop.go(`/search?${next}`);
  };
  /** @type {SetFilter} */
  const set = (name, value) =>
    go((next) => (value === undefined ? next.delete(name) : next.set(name, String(value))));
  const grid = h(
    'div',
    { class: 'grid' },
    page.items.map((product) => productCard(product)),
  );
  const more = h('div', { class: 'more' });
  /** @param {string | null | undefined} cursor */
  const addMore = (cursor) => {
    show(
      more,
      cursor &&
        h(
          'button',
          {
            type: 'button',
            onclick: async () => {
              const next = await shop.api.get('/api/v1/products', {
                query: new URLSearchParams([...params, ['limit', '24'], ['cursor', cursor]]),
              });
              grid.append(...next.items.map((product) => productCard(product)));
              addMore(next.nextCursor);
            },
          },
          'More results',
        ),
    );
  };
  addMore(page.nextCursor);

  show(
    main,
    h(
      'div',
      { class: 'catalog' },
      h('aside', { class: 'facets' }, facets(page.facets, page.items[0]?.currency ?? 'EUR', params, set, go)),
      h(
        'section',
        {},
        h(
          'div',
          { class: 'toolbar' },
          h('span', {}, `${page.total} products`, query.get('q') ? ` for “${query.get('q')}”` : ''),
          h(
            'select',
            {
              'aria-label': 'Sort',
              onchange: (/** @type {Event} */ event) =>
                set('sort', /** @type {HTMLSelectElement} */ (event.target).value || undefined),
            },
            SORTS.map(([value, label]) =>
              h('option', { value, selected: (params.get('sort') ?? '') === value }, label),
            ),
          ),
        ),
        page.correctedQuery && notice('info', `Showing results for “${page.correctedQuery}”.`),
        activeFilters(params, go),
        page.items.length === 0 ? notice('info', 'Nothing matches; try fewer filters.') : grid,
        more,
      ),
    ),
  );
}

/**
 * @param {SearchPage['facets']} facets
 * @param {string} currency
 * @param {URLSearchParams} params
 * @param {SetFilter} set
 * @param {Go} go
 */
function facets(facets, currency, params, set, go) {
  const brands = new Set(params.getAll('brand').map((b) => b.toLowerCase()));
  /**
   * @param {string} label
   * @param {number} count
   * @param {() => void} onclick
   */
  const option = (label, count, onclick, active = false) =>
    h(
      'li',
      {},
      h(
        'button',
        { type: 'button', class: active ? 'link active' : 'link', onclick },
        label,
        h('span', { class: 'dim' }, ` ${count}`),
      ),
    );
  return [
    h('h3', {}, 'Category'),
    h(
      'ul',
      {},
      facets.categories.map((c) =>
        option(c.name, c.count, () => set('category', c.slug), params.get('category') === c.slug),
      ),
    ),
    h('h3', {}, 'Brand'),
    h(
      'ul',
      {},
      facets.brands.slice(0, 15).map((b) =>
        h(
          'li',
          {},
          h(
            'label',
            {},
            h('input', {
              type: 'checkbox',
              checked: brands.has(b.value.toLowerCase()),
              onchange: (/** @type {Event} */ event) =>
                go((next) => {
                  const kept = next
                    .getAll('brand')
                    .filter((value) => value.toLowerCase() !== b.value.toLowerCase());
                  next.delete('brand');
                  const checked = /** @type {HTMLInputElement} */ (event.target).checked;
                  for (const value of checked ? [...kept, b.value] : kept) next.append('brand', value);
                }),
            }),
            ` ${b.value} `,
            h('span', { class: 'dim' }, b.count),
          ),
        ),
      ),
    ),
    h('h3', {}, 'Price'),
    h(
      'ul',
      {},
      facets.priceBands.map((band) =>
        option(
          band.max === null
            ? `${money(band.min, currency)} and more`
            : `${money(band.min, currency)} – ${money(band.max, currency)}`,
          band.count,
          () =>
            go((next) => {
              next.set('minPrice', String(band.min));
              if (band.max === null) next.delete('maxPrice');
              else next.set('maxPrice', String(band.max - 1)); // bands end before `max`; the filter includes its bound
            }),
        ),
      ),
    ),
    h('h3', {}, 'Rating'),
    h(
      'ul',
      {},
      facets.ratings.map((r) =>
        option(
          `${r.minRating}★ and up`,
          r.count,
          () => set('minRating', r.minRating),
          params.get('minRating') === String(r.minRating),
        ),
      ),
    ),
    h(
      'label',
      { class: 'stock' },
      h('input', {
        type: 'checkbox',
        checked: params.get('inStock') === 'true',
        onchange: (/** @type {Event} */ event) =>
          set('inStock', /** @type {HTMLInputElement} */ (event.target).checked ? 'true' : undefined),
      }),
      ' In stock only',
    ),
  ];
}

/**
 * @param {URLSearchParams} params
 * @param {Go} go
 */
function activeFilters(params, go) {
  const active = [...params].filter(([name]) => name !== 'q' && name !== 'sort');
  if (active.length === 0) return null;
  return h(
    'ul',
    { class: 'chips' },
    active.map(([name, value]) =>
      h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            title: 'Remove this filter',
            onclick: () =>
              go((next) => {
                const others = next.getAll(name).filter((v) => v !== value);
                next.delete(name);
                for (const v of others) next.append(name, v);
              }),
          },
          `${name}: ${value} ✕`,
        ),
      ),
    ),
    h(
      'li',
      {},
      h(
        'button',
        {
          type: 'button',
          class: 'link',
          onclick: () =>
            go((next) => {
              for (const [name] of active) next.delete(name);
            }),
        },
        'Clear all',
      ),
    ),
  );
}
