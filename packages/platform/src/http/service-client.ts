import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  ExponentialBackoff,
  circuitBreaker,
  handleWhen,
  retry,
  wrap,
  type IPolicy,
} from 'cockatiel';
import { errors as undiciErrors } from 'undici';
import { ServiceUnavailable } from '../errors.js';
import { currentContext, outgoingTraceparent } from '../request-context.js';
import { neverSent, ServiceInstances, type InstanceLog } from './service-instances.js';

export interface ServiceClientOptions {
  /** Name of the called service, used in errors and logs. */
  service: string;
  /** One base URL, or several (one per instance) separated by commas: see ServiceInstances. */
  baseUrl: string;
  timeoutMs: number;
  /** Keep-alive connections to each instance of the service. */
  connections?: number;
  /** Where instances leaving and rejoining the rotation are reported. */
  log?: InstanceLog;
  /** Supplies a bearer token (client credentials) for /internal routes. */
  token?: TokenSource;
  /** Attempts for idempotent calls, the first included. */
  attempts?: number;
  /** Consecutive failures that open the circuit, and how long it stays open. */
  breaker?: { failures: number; halfOpenAfterMs: number };
}

export interface TokenSource {
  get(): Promise<string>;
  /** Forget a cached token the callee refused. */
  invalidate(): void;
}

export interface CallOptions {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | string[] | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Safe to send twice. Defaults to true for GET, PUT and DELETE; POSTs opt in (e.g. keyed by an order id). */
  idempotent?: boolean;
}

export interface ServiceResponse<T> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
}

class TransientFailure extends Error {
  /** The request never reached an instance: sending it again cannot do anything twice. */
  readonly unsent: boolean;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.unsent = neverSent(options?.cause);
  }
}

/**
 * An HTTP client for one service: keep-alive pools spread over its instances (ServiceInstances),
 * a timeout on every call, bounded retries with backoff for idempotent calls (the next attempt
 * goes to the next instance in the rotation), and a circuit breaker (cockatiel) so a dead
 * dependency fails fast. A call that never reached an instance (a refused connection) is sent
 * again whatever its method. 4xx answers are returned to the caller, who knows what they mean;
 * transport failures and 5xx become a 503 problem naming the service.
 */
export class ServiceClient {
  private readonly instances: ServiceInstances;
  private readonly retrying: IPolicy;
  private readonly retryingUnsent: IPolicy;

  constructor(private readonly options: ServiceClientOptions) {
    this.instances = new ServiceInstances({
      service: options.service,
      urls: options.baseUrl,
      pool: {
        connections: options.connections ?? 32,
        keepAliveTimeout: 30_000,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      },
      ...(options.log ? { log: options.log } : {}),
    });
    const breaker = circuitBreaker(
      handleWhen((e) => e instanceof TransientFailure),
      {
        halfOpenAfter: options.breaker?.halfOpenAfterMs ?? 5000,
        breaker: new ConsecutiveBreaker(options.breaker?.failures ?? 5),
      },
    );
    const retries = (when: (e: TransientFailure) => boolean) =>
      retry(
        handleWhen((e) => e instanceof TransientFailure && when(e)),
        {
          maxAttempts: Math.max(0, (options.attempts ?? 3) - 1),
          backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 1000 }),
        },
      );
    this.retrying = wrap(
      retries(() => true),
      breaker,
    );
    this.retryingUnsent = wrap(
      retries((e) => e.unsent),
      breaker,
    );
  }

  async call<T = unknown>(call: CallOptions): Promise<ServiceResponse<T>> {
    const idempotent = call.idempotent ?? call.method !== 'POST';
    const policy = idempotent ? this.retrying : this.retryingUnsent;
    try {
      return await policy.execute(() => this.send<T>(call, true));
    } catch (error) {
      if (error instanceof BrokenCircuitError) {
        throw new ServiceUnavailable({
          detail: `The ${this.options.service} service is unavailable (circuit open); try again shortly.`,
          retryAfterSeconds: Math.ceil((this.options.breaker?.halfOpenAfterMs ?? 5000) / 1000),
        });
      }
      if (error instanceof TransientFailure) {
        throw new ServiceUnavailable({
          detail: `The ${this.options.service} service did not answer: ${error.message}`,
          cause: error,
        });
      }
      throw error;
    }
  }

  get<T = unknown>(path: string, query?: CallOptions['query']) {
    return this.call<T>({ method: 'GET', path, ...(query ? { query } : {}) });
  }

  async close(): Promise<void> {
    await this.instances.close();
  }

  private async send<T>(call: CallOptions, mayRefreshToken: boolean): Promise<ServiceResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
    const context = currentContext();
    if (context) {
      headers['x-request-id'] = context.requestId;
      headers.traceparent = outgoingTraceparent(context)!;
    }
    if (this.options.token) {
      try {
        headers.authorization = `Bearer ${await this.options.token.get()}`;
      } catch (error) {
        throw new TransientFailure(`no service token: ${describeTransportError(error)}`, { cause: error });
      }
    }
    let payload: string | undefined;
    if (call.body !== undefined) {
      payload = JSON.stringify(call.body);
      headers['content-type'] = 'application/json';
    }
    let response;
    try {
      response = await this.instances.dispatcher.request({
        method: call.method,
        path: withQuery(call.path, call.query),
        headers,
        body: payload ?? null,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw new TransientFailure(describeTransportError(error), { cause: error });
    }
    const text = await response.body.text();
    if (response.statusCode >= 500) {
      throw new TransientFailure(`${call.method} ${call.path} answered ${response.statusCode}`);
    }
    if (response.statusCode === 401 && this.options.token && mayRefreshToken) {
      this.options.token.invalidate();
      return this.send<T>(call, false);
    }
    const isJson = String(response.headers['content-type'] ?? '').includes('json');
    return {
      status: response.statusCode,
      body: (isJson && text.length > 0 ? JSON.parse(text) : text) as T,
      headers: response.headers,
    };
  }
}

function withQuery(path: string, query: CallOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, v);
    else params.append(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function describeTransportError(error: unknown): string {
  if (error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError)
    return 'timed out';
  if (error instanceof Error && error.name === 'TimeoutError') return 'timed out';
  if (error instanceof Error && 'code' in error) return String((error as { code: unknown }).code);
  return error instanceof Error ? error.message : String(error);
}
