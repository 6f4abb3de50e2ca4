import { Type } from 'typebox';

/** Money is an integer number of minor units (cents) with an ISO 4217 currency code. */
export const MinorUnits = Type.Integer({ minimum: 0, description: 'Amount in minor units (e.g. cents)' });
export const Currency = Type.String({
  pattern: '^[A-Z]{3}$',
  description: 'ISO 4217 currency code',
  examples: ['EUR'],
});
