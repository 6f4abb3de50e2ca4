// @ts-check
/** The storefront: a hash router over the views, the header, and what the views share. */
import { createApi } from './api.js';
import { h, show } from './dom.js';
import { forgot, login, register, resetPassword, unlock, verifyEmail } from './views/account.js';
import { cart } from './views/cart.js';
import { catalog } from './views/catalog.js';
import { checkout, paymentReturn } from './views/checkout.js';
import { favorites } from './views/favorites.js';
import { home } from './views/home.js';
import { orderDetail, orderList } from './views/orders.js';
import { product } from './views/product.js';

/**
 * What a view gets: the path's captured parts, the query of the hash, what the views share, and a
 * signal aborted when the shopper goes elsewhere.
 * @typedef {{ params: string[], query: URLSearchParams, shop: Shop, signal: AbortSignal }} ViewContext
 * @typedef {(main: HTMLElement, context: ViewContext) => Promise<void>} View
 * @typedef {typeof shop} Shop
 */

/** @type {[RegExp, View, { signedIn?: boolean }?][]} */
const routes = [
  [/^\/$/, home],
  [/^\/search$/, catalog],
  [/^\/products\/([^/]+)$/, product],
  [/^\/cart$/, cart, { signedIn: true }],
  [/^\/checkout$/, checkout, { signedIn: true }],
  [/^\/orders$/, orderList, { signedIn: true }],
  [/^\/orders\/([^/]+)$/, orderDetail, { signedIn: true }],
  [/^\/favorites$/, favorites, { signedIn: true }],
  [/^\/login$/, login],
  [/^\/register$/, register],
  [/^\/forgot$/, forgot],
  [/^\/verify-email$/, verifyEmail],
  [/^\/reset-password$/, resetPassword],
  [/^\/unlock$/, unlock],
  [/^\/payment-return$/, paymentReturn],
];

// Links in mails and the 3-D Secure return land on real paths; the app itself lives in the hash.
// A mailed link carries its token in the fragment (`/verify-email#token=…`), which the browser
// never sends, so no server logs it; links of older mails had it in the query.
const ENTRY_PATHS = {
  '/verify-email': '/verify-email',
  '/reset-password': '/reset-password',
  '/unlock': '/unlock',
  '/orders/return': '/payment-return',
};

const main = /** @type {HTMLElement} */ (document.querySelector('main'));
const nav = /** @type {HTMLElement} */ (document.querySelector('#account'));
const cartLink = h('a', { href: '#/cart' }, 'Cart');
/** @type {AbortController | undefined} */
let current;

const shop = {
  api: createApi({ onSignedOut: () => renderAccount() }),
  /** @param {string} path */
  go(path) {
    location.hash = `#${path}`;
  },
  /** Where the visitor is, to come back after signing in. */
  here: () => location.hash.slice(1) || '/',
  async refreshCart() {
    if (!shop.api.signedIn()) return void (cartLink.textContent = 'Cart');
    const cart = await shop.api.get('/api/v1/cart').catch(() => null);
    cartLink.textContent = cart?.itemCount ? `Cart (${cart.itemCount})` : 'Cart';
  },
  signedInChanged: () => renderAccount(),
};

function renderAccount() {
  const signedIn = shop.api.signedIn();
  const signOut = h(
    'button',
    {
      class: 'link',
      type: 'button',
      onclick: async () => {
        await shop.api.logout();
        renderAccount();
        shop.go('/');
      },
    },
    'Sign out',
  );
  show(
    nav,
    signedIn
      ? [
          h('a', { href: '#/favorites' }, 'Favorites'),
          h('a', { href: '#/orders' }, 'Orders'),
          cartLink,
          signOut,
        ]
      : [h('a', { href: '#/login' }, 'Sign in'), h('a', { href: '#/register' }, 'Create account')],
  );
  void shop.refreshCart();
}

async function route() {
  current?.abort();
  const controller = new AbortController();
  current = controller;
  const [path, search = ''] = shop.here().split('?');
  const query = new URLSearchParams(search);
  for (const [pattern, view, options = {}] of routes) {
    const match = pattern.exec(path);
    if (!match) continue;
    if (options.signedIn && !shop.api.signedIn())
      return shop.go(`/login?next=${encodeURIComponent(shop.here())}`);
    show(main, h('p', { class: 'dim' }, 'Loading…'));
    try {
      await view(main, {
        params: match.slice(1).map(decodeURIComponent),
        query,
        shop,
        signal: controller.signal,
      });
    } catch (error) {
      if (!controller.signal.aborted)
        show(main, h('p', { class: 'notice error' }, messageOf(error) || 'This page could not be shown.'));
    }
    window.scrollTo(0, 0);
    return;
  }
  show(main, h('h1', {}, 'Not found'), h('p', {}, h('a', { href: '#/' }, 'Back to the shop')));
}

/** @param {unknown} error what a view threw (an Error, an ApiError) */
function messageOf(error) {
  return /** @type {{ message?: string }} */ (error).message;
}

/** @type {HTMLFormElement} */ (document.querySelector('#search')).addEventListener('submit', (event) => {
  event.preventDefault();
  const form = /** @type {HTMLFormElement} */ (event.target);
  const q = /** @type {FormDataEntryValue} */ (new FormData(form).get('q')).toString().trim();
  shop.go(q ? `/search?q=${encodeURIComponent(q)}` : '/search');
});

const entry = /** @type {Record<string, string | undefined>} */ (ENTRY_PATHS)[location.pathname];
if (entry) {
  const fromFragment = location.hash.startsWith('#token=') ? `?${location.hash.slice(1)}` : '';
  history.replaceState(null, '', `/#${entry}${fromFragment || location.search}`);
}
window.addEventListener('hashchange', route);
renderAccount();
void route();
