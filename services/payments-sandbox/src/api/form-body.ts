import { parse } from 'qs';

/**
 * Stripe's request encoding: `application/x-www-form-urlencoded` with brackets for
 * nesting (`metadata[order_id]=…`, `expand[0]=latest_charge`, `expand[]=…`).
 */
export function parseStripeParams(text: string): Record<string, unknown> {
  return parse(text, { depth: 5, arrayLimit: 100, parameterLimit: 1000, allowPrototypes: false });
}

export function queryOf(url: string): string {
  const index = url.indexOf('?');
  return index === -1 ? '' : url.slice(index + 1);
}
