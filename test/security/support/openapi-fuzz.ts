/**
 * Requests generated from the shop's merged OpenAPI document: for every operation, inputs its
 * schemas allow and inputs they refuse (hostile strings, out-of-range numbers, wrong types, missing
 * and unknown fields), at every level of authentication. Generation is fast-check's, from a fixed
 * seed, so a run repeats and a failure can be replayed; new endpoints are covered as they appear
 * in the document.
 */
import fc from 'fast-check';

type Schema = Record<string, unknown>;

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  security?: unknown[];
}

export interface FuzzOperation {
  method: string;
  path: string;
  parameters: Parameter[];
  body: Schema | undefined;
  contentType: string | undefined;
}

export interface FuzzRequest {
  method: string;
  url: string;
  auth: 'none' | 'customer' | 'admin' | 'forged';
  headers: Record<string, string>;
  body: string | undefined;
  /** What the generator meant: a summary for failure reports. */
  shape: string;
}

/** Ids of things that exist, so generated paths reach real resources as well as missing ones. */
export type KnownIds = Record<string, string[]>;

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of the document, with its parameters and JSON (or form) body schema. */
export function operationsOf(document: OpenApiDocument): FuzzOperation[] {
  const operations: FuzzOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const content = operation.requestBody?.content ?? {};
      const contentType = ['application/json', 'application/x-www-form-urlencoded'].find((t) => content[t]);
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters: operation.parameters ?? [],
        body: contentType ? content[contentType]!.schema : undefined,
        contentType: contentType ?? (Object.keys(content)[0] as string | undefined),
      });
    }
  }
  return operations;
}

/** Strings that have broken something somewhere (PostgreSQL, a parser, a path, a log line). */
const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u0007\u001b[31m',
  '\ud800',
  'x\udfffy',
  '😀'.repeat(50),
  'x'.repeat(5000),
  "' OR 1=1 --",
  '"; DROP TABLE users; --',
  '../../../etc/passwd',
  '%00',
  '%zz',
  '<script>alert(1)</script>',
  '\u202eevil',
  'İstanbul',
  '１２３',
  'null',
  'NaN',
  'Infinity',
  '-Infinity',
  '99999999999999999999',
  '1e308',
  '-1',
  '0x10',
  '2026-02-30T25:61:61Z',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  'urn:uuid:00000000-0000-4000-8000-000000000000',
  '{00000000-0000-4000-8000-000000000000}',
];
const HOSTILE_NUMBERS = [
  0,
  -1,
  0.5,
  -0.000001,
  1e20,
  -1e20,
  1e308,
  -1e308,
  2 ** 53 + 2,
  2 ** 31,
  2 ** 63,
  Number.MAX_SAFE_INTEGER,
];

const hostileString = fc.constantFrom(...HOSTILE_STRINGS);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.constantFrom(null, true, [], {}, [null], { $where: '1' }, JSON.parse('{"__proto__":{"admin":true}}')),
);

/** Values a schema allows (as far as a generator can tell; a miss is an ordinary 4xx). */
export function valid(
  schema: Schema | undefined,
  document: OpenApiDocument,
  known: KnownIds,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.constant(undefined);
  const ref = schema.$ref as string | undefined;
  if (ref) {
    const name = ref.split('/').at(-1)!;
    return valid(document.components?.schemas?.[name], document, known, depth + 1);
  }
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const branches = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (branches?.length)
    return fc.oneof(...branches.map((branch) => valid(branch, document, known, depth + 1)));
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string | undefined];
  if (types.length > 1)
    return fc.oneof(...types.map((type) => valid({ ...schema, type }, document, known, depth)));
  switch (types[0]) {
    case 'string':
      return validString(schema, known);
    case 'integer':
    case 'number': {
      const min =
        (schema.minimum as number | undefined) ?? (schema.exclusiveMinimum as number | undefined) ?? -1000;
      const max =
        (schema.maximum as number | undefined) ?? (schema.exclusiveMaximum as number | undefined) ?? 1e6;
      return types[0] === 'integer'
        ? fc.integer({ min: Math.ceil(min), max: Math.floor(Math.min(max, Number.MAX_SAFE_INTEGER)) })
        : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(valid(schema.items as Schema | undefined, document, known, depth + 1), {
        minLength: (schema.minItems as number | undefined) ?? 0,
        maxLength: Math.min((schema.maxItems as number | undefined) ?? 4, 4),
      });
    case 'object':
    default: {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      if (Object.keys(properties).length === 0 && schema.patternProperties) {
        const values = Object.values(schema.patternProperties as Record<string, Schema>)[0];
        return fc.dictionary(
          fc.string({ minLength: 1, maxLength: 12 }),
          valid(values, document, known, depth + 1),
          {
            maxKeys: 4,
          },
        );
      }
      const required = new Set((schema.required as string[] | undefined) ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries(properties)) {
        record[name] = valid(property, document, known, depth + 1);
      }
      return fc.record(record, {
        requiredKeys: Object.keys(properties).filter((name) => required.has(name)),
      });
    }
  }
}

function validString(schema: Schema, known: KnownIds): fc.Arbitrary<string> {
  const maxLength = Math.min((schema.maxLength as number | undefined) ?? 40, 200);
  const minLength = Math.min((schema.minLength as number | undefined) ?? 0, maxLength);
  switch (schema.format) {
    case 'uuid': {
      const ids = fc.oneof(
        fc.constantFrom(...Object.values(known).flat(), '00000000-0000-4000-8000-000000000000'),
        fc.uuid(),
      );
      // Capitals spell the same id (PostgreSQL reads both), and must not pass as another one.
      return fc.oneof(
        { weight: 3, arbitrary: ids },
        { weight: 1, arbitrary: ids.map((id) => id.toUpperCase()) },
      );
    }
    case 'email':
      return fc.emailAddress();
    case 'date-time':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((date) => date.toISOString());
    case 'date':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
        .map((date) => date.toISOString().slice(0, 10));
    case 'uri':
      return fc.webUrl();
  }
  if (typeof schema.pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(schema.pattern as string)).map((text) => text.slice(0, 200));
    } catch {
      // a pattern JavaScript cannot compile: plain strings then
    }
  }
  return fc.string({ minLength, maxLength, unit: 'grapheme' });
}

/** A value the schema refuses, or one that is allowed but hostile. */
function hostile(
  schema: Schema | undefined,
  document: OpenApiDocument,
  known: KnownIds,
): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: hostileValue },
    { weight: 1, arbitrary: valid(schema, document, known) },
  );
}

/** A body: valid, with a field made hostile, one missing, one unknown, or not an object at all. */
function body(schema: Schema | undefined, document: OpenApiDocument, known: KnownIds): fc.Arbitrary<unknown> {
  const properties = Object.keys((schema?.properties ?? {}) as Record<string, unknown>);
  const good = valid(schema, document, known);
  const variants: fc.Arbitrary<unknown>[] = [good, hostileValue, fc.constant(nested(40))];
  if (properties.length > 0) {
    variants.push(
      fc.tuple(good, fc.constantFrom(...properties), hostileValue).map(([value, name, bad]) => ({
        ...(value as object),
        [name]: bad,
      })),
      fc.tuple(good, fc.constantFrom(...properties)).map(([value, name]) => {
        const copy = { ...(value as Record<string, unknown>) };
        delete copy[name];
        return copy;
      }),
      good.map((value) => ({ ...(value as object), roles: ['admin'], isAdmin: true, id: 'x' })),
    );
  }
  return fc.oneof(...variants);
}

function nested(levels: number): unknown {
  let value: unknown = 'deep';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

/** Percent-encoding; half a character (a lone surrogate) has no UTF-8 form: its bytes as CESU-8. */
function encodePathSegment(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text
      .replace(/[\ud800-\udfff]/g, '%ED%A0%80')
      .split('%ED%A0%80')
      .map(encodeURIComponent)
      .join('%ED%A0%80');
  }
}

const asText = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);

/** Requests for one operation: every parameter and the body valid or hostile, at every auth level. */
export function requestsFor(
  operation: FuzzOperation,
  document: OpenApiDocument,
  known: KnownIds,
): fc.Arbitrary<FuzzRequest> {
  const path = operation.parameters.filter((p) => p.in === 'path');
  const query = operation.parameters.filter((p) => p.in === 'query');
  const header = operation.parameters.filter((p) => p.in === 'header');
  const pathValue = (parameter: Parameter) =>
    fc.oneof(
      { weight: 4, arbitrary: valid(parameter.schema, document, known).map(asText) },
      { weight: 2, arbitrary: hostileString },
      { weight: 1, arbitrary: fc.constantFrom('x'.repeat(201), 'A'.repeat(36)) },
      // The known ids in capitals: the same resources, spelled otherwise.
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          ...Object.values(known)
            .flat()
            .map((id) => id.toUpperCase()),
        ),
      },
    );
  const optional = (parameter: Parameter, value: fc.Arbitrary<string>) =>
    parameter.required ? value : fc.option(value, { nil: undefined, freq: 3 });
  return fc
    .record({
      auth: fc.constantFrom<FuzzRequest['auth']>('none', 'customer', 'customer', 'admin', 'forged'),
      pathValues: fc.tuple(...path.map(pathValue)),
      queryValues: fc.tuple(
        ...query.map((parameter) =>
          optional(parameter, hostile(parameter.schema, document, known).map(asText)),
        ),
      ),
      extraQuery: fc.option(fc.constantFrom('unknown=1', 'limit=Infinity', 'cursor=%00', 'a=%zz'), {
        freq: 6,
      }),
      headerValues: fc.tuple(
        ...header.map((parameter) =>
          optional(parameter, fc.oneof(valid(parameter.schema, document, known).map(asText), hostileString)),
        ),
      ),
      body: operation.body ? body(operation.body, document, known) : fc.constant(undefined),
    })
    .map(({ auth, pathValues, queryValues, extraQuery, headerValues, body: value }) => {
      let url = operation.path;
      path.forEach((parameter, i) => {
        const text = pathValues[i]!;
        // Hostile texts that are already percent-encoding go in as they are.
        const encoded = /^%[0-9a-z]{2}$/i.test(text) ? text : encodePathSegment(text);
        url = url.replace(`{${parameter.name}}`, encoded || '%20');
      });
      const search = new URLSearchParams();
      query.forEach((parameter, i) => {
        if (queryValues[i] !== undefined) search.append(parameter.name, queryValues[i]!);
      });
      let queryText = search.toString();
      if (extraQuery) queryText = queryText ? `${queryText}&${extraQuery}` : extraQuery;
      const headers: Record<string, string> = {};
      header.forEach((parameter, i) => {
        const text = headerValues[i];
        // A header cannot carry control characters or non-Latin-1 text: fetch refuses to send it.
        if (text !== undefined && /^[\x20-\x7e]*$/.test(text)) headers[parameter.name] = text;
      });
      let text: string | undefined;
      if (value !== undefined) {
        if (
          operation.contentType === 'application/x-www-form-urlencoded' &&
          value &&
          typeof value === 'object'
        ) {
          text = new URLSearchParams(
            Object.entries(value as Record<string, unknown>).map(([k, v]): [string, string] => [
              k,
              asText(v),
            ]),
          ).toString();
        } else text = JSON.stringify(value);
        headers['content-type'] =
          operation.contentType === 'application/x-www-form-urlencoded'
            ? 'application/x-www-form-urlencoded'
            : 'application/json';
      }
      return {
        method: operation.method,
        url: queryText ? `${url}?${queryText}` : url,
        auth,
        headers,
        body: text,
        shape: `${operation.method} ${operation.path} as ${auth}`,
      };
    });
}
