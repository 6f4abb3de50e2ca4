/**
 * A few helpers to build pages from data without innerHTML: every text goes in as a text node,
 * so product names, reviews or addresses can never become markup.
 */

/** h('a', { href, class, onclick }, 'text', child, [more]) → an element. */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else if (name in element && typeof value !== 'string') element[name] = value;
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(...flatten(children));
  return element;
}

function flatten(children) {
  return children.flat(Infinity).flatMap((child) => {
    if (child === null || child === undefined || child === false) return [];
    return [child instanceof Node ? child : String(child)];
  });
}

/** Replaces what `parent` shows. */
export function show(parent, ...children) {
  parent.replaceChildren(...flatten(children));
}

/** Integer minor units → "€12.99" in the visitor's language. */
export function money(minor, currency) {
  if (minor === null || minor === undefined || !currency) return '–';
  const format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

/** The smallest unit of a currency (cents for EUR, yen for JPY): what the API's prices count. */
export function minorDigits(currency) {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
}

export function date(iso) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

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

/** A product picture that falls back to a plain tile when the image cannot be loaded. */
export function picture(src, alt, className = 'picture') {
  const img = h('img', { src: src || PLACEHOLDER, alt, class: className, loading: 'lazy' });
  img.addEventListener('error', () => (img.src = PLACEHOLDER), { once: true });
  return img;
}

/** A message above a form or a list: kind is 'error', 'ok' or 'info'. */
export function notice(kind, ...text) {
  return h('p', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, ...text);
}

/** What went wrong with an API call, in words a shopper can act on. */
export function problemText(error) {
  if (error?.errors?.length)
    return error.errors.map((e) => `${e.field.replace(/^body\./, '')}: ${e.message}`).join('; ');
  return error?.detail || error?.title || error?.message || 'Something went wrong.';
}

/** Reads a form's fields as an object of strings, as typed (passwords may have spaces). */
export function fields(form) {
  return Object.fromEntries([...new FormData(form)].map(([name, value]) => [name, String(value)]));
}
