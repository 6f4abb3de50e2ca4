import { STATUS_CODES } from 'node:http';
import type { FastifySchema, RouteOptions } from 'fastify';
import { guardKinds, type GuardKind } from '../auth/guards.js';
import { ProblemSchema } from '../problem-schema.js';

/**
 * What every service's OpenAPI document says the same way, whatever its routes wrote: `security`
 * from the route's auth guards (a route without one is public: `security: []`), the 4xx answers
 * the platform itself gives (400 for input that fails its schema, 401 without a valid token, 403
 * without the role), and every error answer as `application/problem+json` with one `Problem`
 * schema, which is what the problem handler sends.
 */

/**
 * A route that passes the caller's token on to where it is checked (the gateway's admin routes)
 * names the guard it stands for in its config, so that the document asks for the token.
 */
export interface DocumentedRouteConfig {
  documentedGuard?: GuardKind;
  /**
   * A route whose errors are not problems (the payments sandbox's Stripe API answers Stripe's
   * `{ error }` as `application/json`) says so: its error answers keep the schemas it wrote,
   * under this media type, and the platform adds none of its own.
   */
  errorMedia?: string;
}

const PROBLEM_MEDIA = 'application/problem+json';
const PROBLEM_REF = '#/components/schemas/Problem';
const PROBLEM_JSON = JSON.stringify(ProblemSchema);
const BEARER = { bearer: [] };
const RANGES: Record<string, string> = { '4': 'Client error', '5': 'Server error' };
const INPUTS = ['body', 'querystring', 'query', 'params', 'headers'] as const;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

type Schema = Omit<FastifySchema, 'security' | 'response'> & {
  hide?: boolean;
  query?: unknown;
  security?: unknown;
  response?: Record<string, unknown>;
};

/** @fastify/swagger's `transform`: one route's schema, as the document shows it. */
export function documentRoute({
  schema,
  url,
  route,
}: {
  schema: unknown;
  url: string;
  route: RouteOptions;
}): {
  schema: Schema;
  url: string;
} {
  const given = (schema ?? {}) as Schema;
  if (given.hide) return { schema: given, url };
  const kinds = new Set(guardKinds(route.onRequest));
  const config = route.config as DocumentedRouteConfig | undefined;
  if (config?.documentedGuard) kinds.add(config.documentedGuard);
  const errorMedia = config?.errorMedia ?? PROBLEM_MEDIA;

  const statuses = new Set<number>();
  if (errorMedia === PROBLEM_MEDIA) {
    if (INPUTS.some((part) => given[part] !== undefined)) statuses.add(400);
    if (kinds.size > 0) statuses.add(401);
    if (kinds.has('role')) statuses.add(403);
  }

  const response: Record<string, unknown> = { ...given.response };
  for (const status of statuses) response[status] ??= ProblemSchema;
  const answers = Object.entries(response)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, answer]) => [status, /^[45]/.test(status) ? asError(status, answer, errorMedia) : answer]);

  const inputs = Object.fromEntries(
    INPUTS.filter((part) => given[part] !== undefined).map((part) => [part, optionalDefaults(given[part])]),
  );
  return {
    schema: { ...given, ...inputs, security: securityOf(kinds), response: Object.fromEntries(answers) },
    url,
  };
}

/**
 * A field with a default may be left out: validation fills it in. The schema lists it as
 * required (so that handlers see it), which is true of what a handler gets, not of what a client
 * must send; the document says the latter.
 */
function optionalDefaults(schema: unknown): unknown {
  const object = schema as { required?: string[]; properties?: Record<string, { default?: unknown }> };
  if (!Array.isArray(object.required) || !object.properties) return schema;
  const required = object.required.filter((name) => object.properties![name]?.default === undefined);
  if (required.length === object.required.length) return schema;
  const { required: _all, ...rest } = object;
  return required.length > 0 ? { ...rest, required } : rest;
}

function securityOf(kinds: Set<GuardKind>): unknown[] {
  if (kinds.size === 0) return [];
  // Anonymous callers are welcome; a token, when sent, must be valid.
  if (kinds.size === 1 && kinds.has('optionalUser')) return [{}, BEARER];
  return [BEARER];
}

/** Every error leaves through the problem handler: problem+json, whatever schema the route named. */
function asError(status: string, answer: unknown, media: string): unknown {
  const schema = answer as { description?: string; content?: unknown };
  if (schema.content !== undefined) return answer;
  return {
    description: schema.description ?? STATUS_CODES[status] ?? RANGES[status[0]!],
    content: { [media]: { schema: answer } },
  };
}

/** @fastify/swagger's `transformObject`: the platform's problem schema named once, as `Problem`. */
export function finishDocument({ openapiObject }: { openapiObject: unknown }): unknown {
  const document = openapiObject as {
    paths?: Record<string, Record<string, { responses?: Record<string, Response> }>>;
    components?: { schemas?: Record<string, unknown> };
  };
  let named = false;
  for (const item of Object.values(document.paths ?? {})) {
    for (const method of METHODS) {
      for (const [status, answer] of Object.entries(item[method]?.responses ?? {})) {
        // Nothing follows a 204 or a 304 (RFC 9110), whatever the schema said.
        if (status === '204' || status === '304') delete answer.content;
        const media = answer.content?.[PROBLEM_MEDIA];
        if (media && JSON.stringify(media.schema) === PROBLEM_JSON) {
          media.schema = { $ref: PROBLEM_REF };
          named = true;
        }
      }
    }
  }
  if (named) {
    document.components = {
      ...document.components,
      schemas: { Problem: JSON.parse(PROBLEM_JSON) as unknown, ...document.components?.schemas },
    };
  }
  return document;
}

interface Response {
  content?: Record<string, { schema?: unknown }>;
}
