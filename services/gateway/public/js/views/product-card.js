// @ts-check
import { h, money, picture, stars } from '../dom.js';

/**
 * What a card shows of a product: the fields that the catalog's items, a product's page, related
 * products and recommendations have in common (each is one of the API's answers).
 * @typedef {{
 *   id: string;
 *   slug?: string;
 *   name: string;
 *   image?: string | null;
 *   images?: string[];
 *   brand?: string | null;
 *   price: number;
 *   currency: string;
 *   rating?: { average: number; count: number } | null;
 *   inStock?: boolean;
 * }} CardProduct
 */

/**
 * A product in a grid: picture, name, price, rating, stock; `note` adds a line (e.g. a reason).
 * @param {CardProduct} product
 * @param {string} [note]
 */
export function productCard(product, note) {
  const image = product.image ?? product.images?.[0];
  return h(
    'a',
    { class: 'card', href: `#/products/${encodeURIComponent(product.slug ?? product.id)}` },
    picture(image, product.name),
    h('span', { class: 'name' }, product.name),
    product.brand && h('span', { class: 'dim' }, product.brand),
    h('span', { class: 'price' }, money(product.price, product.currency)),
    product.rating &&
      h(
        'span',
        {},
        stars(product.rating.average),
        ' ',
        h('span', { class: 'dim' }, `(${product.rating.count})`),
      ),
    product.inStock === false && h('span', { class: 'badge' }, 'Out of stock'),
    note && h('span', { class: 'reason' }, note),
  );
}

/**
 * @template {CardProduct} T
 * @param {T[]} products
 * @param {(product: T) => string | undefined} [note]
 */
export function productGrid(products, note = () => undefined) {
  return h(
    'div',
    { class: 'grid' },
    products.map((product) => productCard(product, note(product))),
  );
}
