// @ts-check
import { fields, h, money, notice, problemText, show } from '../dom.js';

/** @typedef {import('../app.js').View} View */

/** The payment sandbox's test cards (Stripe's test tokens): what each one does is in its label. */
const TEST_CARDS = [
  ['pm_card_visa', 'Visa 4242 – approved'],
  ['pm_card_mastercard', 'Mastercard 4444 – approved'],
  ['pm_card_threeDSecure2Required', 'Visa 3220 – asks for 3-D Secure'],
  ['pm_card_chargeDeclined', 'Visa 0002 – declined'],
  ['pm_card_chargeDeclinedInsufficientFunds', 'Visa 9995 – declined, insufficient funds'],
];
const PENDING_ORDER = 'shop.pendingOrder';

/**
 * Address and card, then one POST /orders with an Idempotency-Key (a retry cannot order twice).
 * @type {View}
 */
export async function checkout(main, { shop, signal }) {
  const [cart, addresses] = await Promise.all([
    shop.api.get('/api/v1/cart'),
    shop.api.get('/api/v1/users/me/addresses'),
  ]);
  if (signal.aborted) return;
  if (cart.items.length === 0) return shop.go('/cart');
  const status = h('div');
  const idempotencyKey = crypto.randomUUID(); // one checkout attempt: resubmitting the form reuses it
  const saved = addresses.items;

  show(
    main,
    h('h1', {}, 'Checkout'),
    h(
      'form',
      {
        class: 'stack narrow',
        onsubmit: async (/** @type {SubmitEvent} */ event) => {
          event.preventDefault();
          const element = /** @type {HTMLFormElement} */ (event.target);
          const form = fields(element);
          const button = /** @type {HTMLButtonElement} */ (element.querySelector('button[type=submit]'));
          button.disabled = true;
          try {
            const destination =
              form.address && form.address !== 'new'
                ? { addressId: form.address }
                : { shippingAddress: newAddress(form) };
            const order = await shop.api.post(
              '/api/v1/orders',
              { ...destination, paymentMethod: form.card },
              { headers: { 'idempotency-key': idempotencyKey } },
            );
            await shop.refreshCart();
            const redirect = order.payment.nextAction?.redirectUrl;
            if (redirect) {
              sessionStorage.setItem(PENDING_ORDER, order.id);
              return location.assign(redirect); // the bank's page, which sends the shopper back to /orders/return
            }
            shop.go(`/orders/${order.id}`);
          } catch (error) {
            show(status, notice('error', problemText(error)));
            button.disabled = false;
          }
        },
      },
      h(
        'fieldset',
        {},
        h('legend', {}, 'Deliver to'),
        saved.map((address, index) =>
          h(
            'label',
            { class: 'choice' },
            h('input', {
              type: 'radio',
              name: 'address',
              value: address.id,
              checked: address.isDefault || (index === 0 && !saved.some((a) => a.isDefault)),
            }),
            ` ${address.name}, ${address.line1}, ${address.postalCode} ${address.city}, ${address.country}`,
          ),
        ),
        saved.length > 0 &&
          h(
            'label',
            { class: 'choice' },
            h('input', { type: 'radio', name: 'address', value: 'new' }),
            ' A new address:',
          ),
        addressFields(saved.length === 0),
      ),
      h(
        'fieldset',
        {},
        h('legend', {}, 'Pay with a test card'),
        h(
          'select',
          { name: 'card', 'aria-label': 'Test card' },
          TEST_CARDS.map(([value, label]) => h('option', { value }, label)),
        ),
      ),
      h(
        'p',
        { class: 'total' },
        `Subtotal: ${money(cart.subtotal, cart.currency)} (shipping is added at checkout)`,
      ),
      status,
      h('button', { type: 'submit' }, 'Place order'),
    ),
  );
}

/** @param {boolean} required */
function addressFields(required) {
  /**
   * @param {string} label
   * @param {string} name
   * @param {Record<string, unknown>} attributes
   */
  const input = (label, name, attributes, optional = false) =>
    h('label', {}, label, h('input', { name, required: required && !optional, ...attributes }));
  return h(
    'div',
    { class: 'address' },
    input('Full name', 'name', { autocomplete: 'name' }),
    input('Address', 'line1', { autocomplete: 'address-line1' }),
    input('Address line 2 (optional)', 'line2', { autocomplete: 'address-line2' }, true),
    input('Postal code', 'postalCode', { autocomplete: 'postal-code' }),
    input('City', 'city', { autocomplete: 'address-level2' }),
    input('Region (optional)', 'region', { autocomplete: 'address-level1' }, true),
    input('Country (two letters, e.g. FR)', 'country', {
      autocomplete: 'country',
      pattern: '[A-Za-z]{2}',
      maxlength: 2,
    }),
    input('Phone (optional)', 'phone', { autocomplete: 'tel' }, true),
  );
}

/**
 * The address typed in the form, as the order takes it.
 * @param {Record<string, string>} form
 * @returns {import('../api.js').Body<'/api/v1/orders', 'post'>['shippingAddress']}
 */
function newAddress(form) {
  /** @param {string | undefined} value */
  const optional = (value) => (value && value.trim() ? value.trim() : null);
  return {
    name: form.name.trim(),
    line1: form.line1.trim(),
    line2: optional(form.line2),
    city: form.city.trim(),
    postalCode: form.postalCode.trim(),
    region: optional(form.region),
    country: form.country.trim().toUpperCase(),
    phone: optional(form.phone),
  };
}

/**
 * Where 3-D Secure sends the shopper back (/orders/return?payment_intent=…&redirect_status=…).
 * @type {View}
 */
export async function paymentReturn(main, { query, shop }) {
  const orderId = sessionStorage.getItem(PENDING_ORDER);
  sessionStorage.removeItem(PENDING_ORDER);
  const passed = query.get('redirect_status') === 'succeeded';
  if (orderId && shop.api.signedIn()) return shop.go(`/orders/${orderId}`);
  show(
    main,
    h('h1', {}, passed ? 'Card confirmed' : 'Card not confirmed'),
    notice(
      passed ? 'ok' : 'error',
      passed
        ? 'Your bank confirmed the payment; your order is being completed.'
        : 'The payment was not authorised; nothing was charged.',
    ),
    h('p', {}, h('a', { href: '#/orders' }, 'See your orders')),
  );
}
