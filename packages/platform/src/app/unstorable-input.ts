/**
 * Input that the schemas accept but nothing can store is refused as part of schema validation, so
 * the answer is the usual 400 naming the field, in every service:
 * - control characters: PostgreSQL refuses NUL in text and JSONB (a 500 otherwise), and the other
 *   C0 controls and DEL have no business in a shop's stored text; tab, line feed and carriage
 *   return stay allowed (addresses, reviews);
 * - lone UTF-16 surrogates (half an emoji), which JSONB refuses;
 * - numbers that are not finite: Ajv turns `limit=Infinity` or `1e400` into Infinity and then
 *   checks minimum and maximum on finite numbers only, so they would reach SQL out of range.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const CONTROL_MESSAGE = 'control characters (U+0000–U+001F except tab and line breaks, or U+007F)';

export interface UnstorableInput {
  instancePath: string;
  keyword: 'storable';
  message: string;
  params: Record<string, never>;
}

/** Whether a string is valid Unicode text (String#isWellFormed, Node 20; not in TypeScript's ES2023 lib). */
const wellFormed = (text: string) => (text as string & { isWellFormed(): boolean }).isWellFormed();

/** What a string holds that cannot be stored, in words. */
function stringProblem(text: string): string | undefined {
  if (CONTROL.test(text)) return CONTROL_MESSAGE;
  if (!wellFormed(text)) return 'half of a character (a lone UTF-16 surrogate)';
  return undefined;
}

/** The first value in `value` (a string, a number or an object key) that cannot be stored. */
export function findUnstorable(value: unknown, path = ''): UnstorableInput | undefined {
  if (typeof value === 'string') {
    const message = stringProblem(value);
    return message ? problem(path, `must not contain ${message}`) : undefined;
  }
  if (typeof value === 'number')
    return Number.isFinite(value) ? undefined : problem(path, 'must be a finite number');
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorable(value[i], `${path}/${i}`);
      if (found) return found;
    }
    return undefined;
  }
  for (const key in value) {
    const keyProblem = stringProblem(key);
    if (keyProblem) return problem(path, `must not have a key that contains ${keyProblem}`);
    const found = findUnstorable((value as Record<string, unknown>)[key], `${path}/${escape(key)}`);
    if (found) return found;
  }
  return undefined;
}

function problem(instancePath: string, message: string): UnstorableInput {
  return { instancePath, keyword: 'storable', message, params: {} };
}

// JSON Pointer escaping, as Ajv writes instance paths.
const escape = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

interface Validator {
  (data: unknown, context?: { parentData: Record<string, unknown>; parentDataProperty: string }): unknown;
  errors?: unknown;
  schemaEnv?: unknown;
}

/**
 * A compiled Ajv validator that also refuses unstorable input in what it accepted. Fastify reads
 * `errors` from the function it was given, and passes the parent (so a root value coerced by Ajv
 * lands on the request) only to functions with `schemaEnv`: both are kept.
 */
export function refusingUnstorableInput(validate: Validator): Validator {
  const wrapped: Validator = (data, context) => {
    const valid = context === undefined ? validate(data) : validate(data, context);
    if (valid !== true) {
      wrapped.errors = validate.errors;
      return valid;
    }
    const accepted = context ? context.parentData[context.parentDataProperty] : data;
    const found = findUnstorable(accepted);
    wrapped.errors = found ? [found] : null;
    return found === undefined;
  };
  wrapped.schemaEnv = validate.schemaEnv;
  return wrapped;
}
