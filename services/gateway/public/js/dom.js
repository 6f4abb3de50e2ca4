// @ts-check
/**
 * A few helpers to build pages from data without innerHTML: every text goes in as a text node,
 * so product names, reviews or addresses can never become markup.
 */

/**
 * What a page is built of: nodes and texts, nested in arrays at will (of the same); null,
 * undefined and false show nothing (so `condition && h(…)` works).
 * @typedef {Node | string | number | boolean | null | undefined | readonly unknown[]} Child
 */

/**
 * h('a', { href, class, onclick }, 'text', child, [more]) → an element. A prop named on… that is a
 * function listens to that event; one the element has as a property (value, checked, disabled…)
 * is set as that property unless it is a string; any other is an attribute.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, unknown>} [props]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function')
      element.addEventListener(name.slice(2), /** @type {EventListener} */ (value));
    else if (name === 'class') element.className = /** @type {string} */ (value);
    else if (name in element && typeof value !== 'string')
      /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (element))[name] = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(...flatten(children));
  return element;
}

/**
 * @param {Child[]} children
 * @returns {(Node | string)[]}
 */
function flatten(children) {
  return children.flat(Infinity).flatMap((child) => {
    if (child === null || child === undefined || child === false) return [];
    return [child instanceof Node ? child : String(child)];
  });
}

/**
 * Replaces what `parent` shows.
 * @param {Element} parent
 * @param {...Child} children
 */
export function show(parent, ...children) {
  parent.replaceChildren(...flatten(children));
}

/**
 * Integer minor units → "€12.99" in the visitor's language.
 * @param {number | null | undefined} minor
 * @param {string | null | undefined} currency
 */
export function money(minor, currency) {
  if (minor === null || minor === undefined || !currency) return '–';
  const format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

/**
 * The smallest unit of a currency (cents for EUR, yen for JPY): what the API's prices count.
 * @param {string} currency
 */
export function minorDigits(currency) {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
}

/** @param {string} iso */
export function date(iso) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** @param {number | null | undefined} average */
export function stars(average) {
  const full = Math.round(average ?? 0);
  return h(
    'span',
    { class: 'stars', title: `${(average ?? 0).toFixed(1)} of 5` },
    '★'.repeat(full),
    h('span', { class: 'dim' }, '★'.repeat(5 - full)),
  );
}

const PLACEHOLDER =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 4 3'%3E%3Crect width='4' height='3' fill='%23eceff3'/%3E%3C/svg%3E";

/**
 * A product picture that falls back to a plain tile when the image cannot be loaded.
 * @param {string | null | undefined} src
 * @param {string} alt
 * @param {string} [className]
 */
export function picture(src, alt, className = 'picture') {
  const img = h('img', { src: src || PLACEHOLDER, alt, class: className, loading: 'lazy' });
  img.addEventListener('error', () => (img.src = PLACEHOLDER), { once: true });
  return img;
}

/**
 * A message above a form or a list.
 * @param {'error' | 'ok' | 'info'} kind
 * @param {...Child} text
 */
export function notice(kind, ...text) {
  return h('p', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, ...text);
}

/**
 * What went wrong with an API call (an ApiError, or anything thrown), in words a shopper can act on.
 * @param {unknown} error
 */
export function problemText(error) {
  const problem = /** @type {Partial<import('./api.js').Problem> & { message?: string } | undefined} */ (
    error
  );
  if (problem?.errors?.length)
    return problem.errors.map((e) => `${e.field.replace(/^body\./, '')}: ${e.message}`).join('; ');
  return problem?.detail || problem?.title || problem?.message || 'Something went wrong.';
}

/**
 * Reads a form's fields as an object of strings, as typed (passwords may have spaces).
 * @param {HTMLFormElement} form
 * @returns {Record<string, string>}
 */
export function fields(form) {
  return Object.fromEntries([...new FormData(form)].map(([name, value]) => [name, String(value)]));
}
