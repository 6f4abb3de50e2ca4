import { BadRequest } from '@shop/platform';

/**
 * An RFC 3339 date-time as a Date. The schema's format allows a leap second (`23:59:60`), which a
 * JavaScript Date cannot hold: it is read as the next second, as PostgreSQL reads it, rather than
 * becoming an invalid Date that fails the query with a 500.
 */
export function momentOf(text: string, field: string): Date {
  const moment = new Date(text);
  if (!Number.isNaN(moment.getTime())) return moment;
  const beforeLeap = new Date(text.replace(/:60(?=[.Zz+-])/, ':59'));
  if (!Number.isNaN(beforeLeap.getTime())) return new Date(beforeLeap.getTime() + 1000);
  throw new BadRequest({
    detail: `${field} is not a moment this service can read.`,
    fields: [{ field, message: 'must be an RFC 3339 date-time' }],
  });
}
