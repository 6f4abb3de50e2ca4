import type { FastifyInstance, preHandlerHookHandler } from 'fastify';

/**
 * A uuid is 36 characters of hex and hyphens, in either case. ajv-formats also takes a
 * `urn:uuid:` prefix, which PostgreSQL does not read as a uuid (the query failed: a 500).
 */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids are compared and stored in lower case. PostgreSQL reads `ABC…` and `abc…` as one uuid, but
 * JavaScript compares strings: in products a category could be made its own parent past the check
 * (then the database refused it, a 500), a product named twice in a reservation passed as two, and
 * a product's cache entry was not forgotten under another spelling of its id. So in every service,
 * every value that a route's schema declares a uuid (params, query, body) is lowered once it is
 * valid, before the handler sees it. Routes without uuid fields get no hook at all.
 */
export function canonicalIds(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    const schema = route.schema as Record<string, unknown> | undefined;
    const parts = (['params', 'querystring', 'body'] as const)
      .map((part) => [part === 'querystring' ? 'query' : part, lowering(schema?.[part])] as const)
      .filter((entry): entry is readonly ['params' | 'query' | 'body', Lower] => entry[1] !== undefined);
    if (parts.length === 0) return;
    const lower: preHandlerHookHandler = (request, _reply, done) => {
      const input = request as unknown as Record<string, unknown>;
      for (const [part, lowerPart] of parts) input[part] = lowerPart(input[part]);
      done();
    };
    const existing = route.preHandler;
    route.preHandler = existing === undefined ? [lower] : [lower, ...[existing].flat()];
  });
}

type Lower = (value: unknown) => unknown;

/** A function lowering the uuids of values of this schema, or undefined when it has none. */
function lowering(schema: unknown): Lower | undefined {
  if (!schema || typeof schema !== 'object') return undefined;
  const s = schema as {
    type?: unknown;
    format?: unknown;
    anyOf?: unknown[];
    items?: unknown;
    properties?: Record<string, unknown>;
  };
  if (s.type === 'string' && s.format === 'uuid') {
    return (value) => (typeof value === 'string' ? value.toLowerCase() : value);
  }
  if (Array.isArray(s.anyOf)) {
    const branches = s.anyOf.map(lowering).filter((f): f is Lower => f !== undefined);
    if (branches.length > 0) return (value) => branches.reduce((v, f) => f(v), value);
  }
  if (s.type === 'array') {
    const item = lowering(s.items);
    if (item) return (value) => (Array.isArray(value) ? value.map(item) : value);
  }
  if (s.properties) {
    const fields = Object.entries(s.properties)
      .map(([name, property]) => [name, lowering(property)] as const)
      .filter((entry): entry is readonly [string, Lower] => entry[1] !== undefined);
    if (fields.length > 0) {
      return (value) => {
        if (!value || typeof value !== 'object') return value;
        const object = value as Record<string, unknown>;
        for (const [name, lower] of fields) if (name in object) object[name] = lower(object[name]);
        return value;
      };
    }
  }
  return undefined;
}
