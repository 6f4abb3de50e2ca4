import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { StripeError, type StripeErrorBody } from '../domain/stripe-error.js';

/** The HTTP status Stripe answers each kind of error with. */
export function statusOf(error: StripeError): number {
  if (error.body.type === 'card_error') return 402;
  if (error.body.type === 'api_error') return 500;
  if (error.targetMissing) return 404;
  if (error.body.code === 'idempotency_key_in_use') return 409;
  return 400;
}

export function sendStripeError(reply: FastifyReply, status: number, body: StripeErrorBody) {
  return reply.code(status).type('application/json').send({ error: body });
}

export const UNKNOWN_ERROR: StripeErrorBody = { type: 'api_error', message: 'An unknown error occurred' };

/** The /v1 error handler: every failure leaves in Stripe's error format, never as problem+json. */
export function stripeErrorHandler(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  if (error instanceof StripeError) {
    request.log.info({ type: error.body.type, code: error.body.code }, error.message);
    return sendStripeError(reply, statusOf(error), error.body);
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const input = fastifyError.validationContext === 'querystring' ? request.query : request.body;
    const body = validationError(fastifyError.validation, input);
    request.log.info({ param: body.param, code: body.code }, body.message);
    return sendStripeError(reply, 400, body);
  }
  if (fastifyError.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return sendStripeError(reply, 400, {
      type: 'invalid_request_error',
      message:
        'Invalid request (check that your POST content type is application/x-www-form-urlencoded). If you have any questions, we can help at https://support.stripe.com/.',
    });
  }
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) {
    return sendStripeError(reply, 400, { type: 'invalid_request_error', message: fastifyError.message });
  }
  request.log.error({ err: error }, 'request failed');
  return sendStripeError(reply, 500, UNKNOWN_ERROR);
}

export function unrecognizedUrl(request: FastifyRequest, reply: FastifyReply) {
  const path = request.url.split('?')[0];
  return sendStripeError(reply, 404, {
    type: 'invalid_request_error',
    message: `Unrecognized request URL (${request.method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
  });
}

interface ValidationIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string | undefined;
}

/** Turns the schema's verdict into Stripe's wording: `parameter_unknown`, `parameter_missing`, … */
function validationError(issues: ValidationIssue[], input: unknown): StripeErrorBody {
  const first = issues[0]!;
  const param = bracketed(first.instancePath);
  if (first.keyword === 'additionalProperties') {
    const name = join(param, String(first.params.additionalProperty));
    return invalid(`Received unknown parameter: ${name}`, name, 'parameter_unknown');
  }
  if (first.keyword === 'required') {
    const name = join(param, String(first.params.missingProperty));
    return invalid(`Missing required param: ${name}.`, name, 'parameter_missing');
  }
  if (first.keyword === 'type' && first.params.type === 'boolean') {
    return invalid(`Invalid boolean: ${String(valueAt(input, first.instancePath))}`, param);
  }
  if (first.keyword === 'type' && first.params.type === 'integer') {
    const given = String(valueAt(input, first.instancePath));
    return invalid(`Invalid integer: ${given}`, param, 'parameter_invalid_integer');
  }
  if (first.keyword === 'const') {
    // A union of literals (an enum): name every allowed value, not just the first branch's.
    const allowed = issues
      .filter((issue) => issue.keyword === 'const' && issue.instancePath === first.instancePath)
      .map((issue) => String(issue.params.allowedValue));
    return invalid(`Invalid ${param}: must be one of ${allowed.join(', ')}`, param);
  }
  return invalid(`Invalid ${param}: ${first.message ?? 'is invalid'}`, param);
}

function invalid(message: string, param: string, code?: string): StripeErrorBody {
  return new StripeError({ type: 'invalid_request_error', message, param, ...(code ? { code } : {}) }).body;
}

/** `/automatic_payment_methods/enabled` → `automatic_payment_methods[enabled]`. */
function bracketed(instancePath: string): string {
  const [head = '', ...rest] = instancePath.split('/').filter(Boolean);
  return head + rest.map((part) => `[${part}]`).join('');
}

function join(parent: string, child: string): string {
  return parent ? `${parent}[${child}]` : child;
}

function valueAt(root: unknown, instancePath: string): unknown {
  let value = root;
  for (const part of instancePath.split('/').filter(Boolean)) {
    value =
      typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[part] : undefined;
  }
  return value;
}
