import { invalidRequest } from './stripe-error.js';

/** Stripe's minimum charge per currency, in minor units (docs: "Minimum and maximum charge amounts"). */
const MINIMUM_CHARGE: Readonly<Record<string, number>> = {
  usd: 50,
  aed: 200,
  aud: 50,
  bgn: 100,
  brl: 50,
  cad: 50,
  chf: 50,
  czk: 1500,
  dkk: 250,
  eur: 50,
  gbp: 30,
  hkd: 400,
  huf: 17500,
  inr: 50,
  jpy: 50,
  mxn: 1000,
  myr: 200,
  nok: 300,
  nzd: 50,
  pln: 200,
  ron: 200,
  sek: 300,
  sgd: 50,
  thb: 1000,
};

const ZERO_DECIMAL = new Set(['jpy']);

/** Stripe's largest amount: eight digits. */
export const MAXIMUM_AMOUNT = 99_999_999;

/** Lower-cases like Stripe does and refuses currencies the sandbox does not know. */
export function normaliseCurrency(currency: string): string {
  const code = currency.toLowerCase();
  if (MINIMUM_CHARGE[code] === undefined) {
    throw invalidRequest(
      `Invalid currency: ${code}. The payments sandbox supports these currencies: ${Object.keys(MINIMUM_CHARGE).join(', ')}`,
      { param: 'currency' },
    );
  }
  return code;
}

export function assertChargeableAmount(amount: number, currency: string, param = 'amount'): void {
  const minimum = MINIMUM_CHARGE[currency] ?? 50;
  if (amount < minimum) {
    throw invalidRequest(`Amount must be at least ${formatAmount(minimum, currency)}`, {
      code: 'amount_too_small',
      param,
    });
  }
  if (amount > MAXIMUM_AMOUNT) {
    throw invalidRequest(`Amount must be no more than ${formatAmount(MAXIMUM_AMOUNT, currency)}`, {
      code: 'amount_too_large',
      param,
    });
  }
}

export function formatAmount(amount: number, currency: string): string {
  const major = ZERO_DECIMAL.has(currency) ? String(amount) : (amount / 100).toFixed(2);
  return `${major} ${currency}`;
}
