/**
 * Control characters are refused wherever text comes in (query, path, body, headers), as part of
 * schema validation, so the answer is the usual 400 naming the field. PostgreSQL refuses NUL in
 * text and JSONB (a 500 otherwise), and the other C0 controls and DEL have no business in a shop's
 * stored text; tab, line feed and carriage return stay allowed (addresses, reviews).
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export interface ControlCharacterError {
  instancePath: string;
  keyword: 'controlCharacters';
  message: string;
  params: Record<string, never>;
}

/** The first string (or object key) in `value` holding a control character, as a validation error. */
export function findControlCharacter(value: unknown, path = ''): ControlCharacterError | undefined {
  if (typeof value === 'string') return CONTROL.test(value) ? problem(path, 'must not contain') : undefined;
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findControlCharacter(value[i], `${path}/${i}`);
      if (found) return found;
    }
    return undefined;
  }
  for (const key in value) {
    if (CONTROL.test(key)) return problem(path, 'must not have a key that contains');
    const found = findControlCharacter((value as Record<string, unknown>)[key], `${path}/${escape(key)}`);
    if (found) return found;
  }
  return undefined;
}

function problem(instancePath: string, what: string): ControlCharacterError {
  return {
    instancePath,
    keyword: 'controlCharacters',
    message: `${what} control characters (U+0000–U+001F except tab and line breaks, or U+007F)`,
    params: {},
  };
}

// JSON Pointer escaping, as Ajv writes instance paths.
const escape = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

interface Validator {
  (data: unknown, context?: { parentData: Record<string, unknown>; parentDataProperty: string }): unknown;
  errors?: unknown;
  schemaEnv?: unknown;
}

/**
 * A compiled Ajv validator that also refuses control characters in what it accepted. Fastify
 * reads `errors` from the function it was given, and passes the parent (so a root value coerced by
 * Ajv lands on the request) only to functions with `schemaEnv`: both are kept.
 */
export function refusingControlCharacters(validate: Validator): Validator {
  const wrapped: Validator = (data, context) => {
    const valid = context === undefined ? validate(data) : validate(data, context);
    if (valid !== true) {
      wrapped.errors = validate.errors;
      return valid;
    }
    const accepted = context ? context.parentData[context.parentDataProperty] : data;
    const found = findControlCharacter(accepted);
    wrapped.errors = found ? [found] : null;
    return found === undefined;
  };
  wrapped.schemaEnv = validate.schemaEnv;
  return wrapped;
}
