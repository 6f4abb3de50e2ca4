import { h, money, picture, stars } from '../dom.js';

/** A product in a grid: picture, name, price, rating, stock; `note` adds a line (e.g. a reason). */
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

export function productGrid(products, note = () => undefined) {
  return h(
    'div',
    { class: 'grid' },
    products.map((product) => productCard(product, note(product))),
  );
}
