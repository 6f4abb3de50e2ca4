import { defineError, type App } from '@shop/platform';

class NotFinite extends defineError('validation_failed', 'invalid', 'Your request is not valid') {}

/**
 * Refuses query and path numbers that are not finite (`limit=Infinity`, `1e400`). Ajv turns such
 * text into Infinity and then skips minimum/maximum for it (it checks those on finite numbers
 * only), so without this they would reach SQL as a bigint PostgreSQL refuses: a 500.
 */
export function refuseNonFiniteNumbers(app: App): void {
  app.addHook('preHandler', async (request) => {
    for (const [part, values] of [
      ['query', request.query],
      ['params', request.params],
    ] as const) {
      if (!values || typeof values !== 'object') continue;
      for (const [name, value] of Object.entries(values)) {
        if (typeof value === 'number' && !Number.isFinite(value)) {
          const field = `${part}.${name}`;
          throw new NotFinite({
            detail: `${field}: must be a finite number`,
            fields: [{ field, message: 'must be a finite number' }],
          });
        }
      }
    }
  });
}
