/**
 * Named application errors. Domain code throws these with a business name and
 * a kind; the HTTP layer maps the kind to a status (see app/problem-handler.ts),
 * so the domain never speaks HTTP.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'request_timeout'
  | 'precondition_failed'
  | 'precondition_required'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unprocessable'
  | 'too_many_requests'
  | 'bad_gateway'
  | 'unavailable'
  | 'gateway_timeout'
  | 'internal';

export const statusOfKind: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  request_timeout: 408,
  conflict: 409,
  gone: 410,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  precondition_required: 428,
  too_many_requests: 429,
  internal: 500,
  bad_gateway: 502,
  unavailable: 503,
  gateway_timeout: 504,
};

/** One wrong field of a request: where it is and what is wrong with it. */
export interface FieldProblem {
  field: string;
  message: string;
}

export interface AppErrorOptions {
  detail?: string;
  fields?: FieldProblem[];
  /** Extra members of the problem document (RFC 9457 extension members). */
  extensions?: Record<string, unknown>;
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class AppError extends Error {
  readonly detail: string | undefined;
  readonly fields: FieldProblem[] | undefined;
  readonly extensions: Record<string, unknown> | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    readonly title: string,
    options: AppErrorOptions = {},
  ) {
    super(options.detail ?? title, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = code;
    this.detail = options.detail;
    this.fields = options.fields;
    this.extensions = options.extensions;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return statusOfKind[this.kind];
  }
}

export type AppErrorClass = new (detailOrOptions?: string | AppErrorOptions) => AppError;

/**
 * Declares an error type: `export class OrderNotCancellable extends defineError('order_not_cancellable', 'conflict', 'The order can no longer be cancelled') {}`
 * then `throw new OrderNotCancellable('It has shipped')`.
 */
export function defineError(code: string, kind: ErrorKind, title: string): AppErrorClass {
  return class extends AppError {
    constructor(detailOrOptions?: string | AppErrorOptions) {
      const options =
        typeof detailOrOptions === 'string' ? { detail: detailOrOptions } : (detailOrOptions ?? {});
      super(code, kind, title, options);
    }
  };
}

// Generic errors every service uses.
export class BadRequest extends defineError('bad_request', 'invalid', 'The request is invalid') {}
export class Unauthenticated extends defineError(
  'unauthenticated',
  'unauthenticated',
  'Authentication is required',
) {}
export class Forbidden extends defineError('forbidden', 'forbidden', 'You are not allowed to do this') {}
export class NotFound extends defineError('not_found', 'not_found', 'The resource was not found') {}
export class Conflict extends defineError(
  'conflict',
  'conflict',
  'The request conflicts with the current state',
) {}
export class PreconditionFailed extends defineError(
  'precondition_failed',
  'precondition_failed',
  'The resource has changed since you read it',
) {}
export class ServiceUnavailable extends defineError(
  'service_unavailable',
  'unavailable',
  'A service this request depends on is unavailable',
) {}
export class TooManyRequests extends defineError(
  'too_many_requests',
  'too_many_requests',
  'Too many requests',
) {}
