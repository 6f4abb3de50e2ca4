import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import { AppError, neverSent, ServiceInstances, type InstanceLog } from '@shop/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errors as undiciErrors, type Dispatcher } from 'undici';
import { tooLarge, WHOLE_BODY_LIMIT } from './body-limit.js';
import {
  BodyTimeout,
  PathNotAllowed,
  UpstreamBroken,
  UpstreamTimeout,
  UpstreamUnavailable,
} from './errors.js';
import { clientFacts, clientResponseHeaders, upstreamRequestHeaders } from './headers.js';
import { ClientGone, requestBody, type BodyLimits } from './request-body.js';

export interface UpstreamOptions {
  name: string;
  /** One base URL, or one per instance separated by commas (ServiceInstances spreads over them). */
  baseUrl: string;
  /** Keep-alive connections to each instance. */
  connections: number;
  timeoutMs: number;
  /** Where instances leaving and rejoining the rotation are reported. */
  log?: InstanceLog;
}

/**
 * Forwards requests to one upstream service over keep-alive undici pools, one per instance of it
 * (ServiceInstances; chosen over @fastify/reply-from by measuring: see bench/README.md). A request
 * that never reached an instance (a refused connection: one just died) is sent once more, to
 * another, when its body is in hand. Bodies up to 64 KB, the request's
 * and the answer's, are read whole and sent on in one write; larger ones stream. An answer of type
 * text/event-stream flows unbuffered and without a body timeout, whatever the request asked
 * for; a client that goes away aborts the upstream request.
 */
export class Upstream {
  readonly pool: Dispatcher;
  private readonly instances: ServiceInstances;
  /** Open event streams: they never finish on their own, so shutdown ends them. */
  private readonly streams = new Set<FastifyReply>();

  constructor(readonly options: UpstreamOptions) {
    this.instances = new ServiceInstances({
      service: options.name,
      urls: options.baseUrl,
      pool: { connections: options.connections, keepAliveTimeout: 30_000, pipelining: 1 },
      ...(options.log ? { log: options.log } : {}),
    });
    this.pool = this.instances.dispatcher;
  }

  async forward(request: FastifyRequest, reply: FastifyReply, body: BodyLimits): Promise<FastifyReply> {
    assertPlainPath(request.url);
    const declared = Number(request.headers['content-length'] ?? 0);
    // Refused before anything goes upstream; the body is then read and dropped (bounded by the
    // request timeout), as a lingering close would, so the client reads the 413, not a broken pipe.
    if (declared > body.maxBytes) throw tooLarge(body.maxBytes);

    // undici takes any emitter of 'abort' as a signal; an AbortController per request costs more.
    const abort = new EventEmitter();
    let clientLeft = false;
    let deadline: NodeJS.Timeout | undefined = undefined;
    reply.raw.once('close', () => {
      clearTimeout(deadline);
      if (reply.raw.writableFinished) return;
      clientLeft = true;
      abort.emit('abort');
    });
    let response: Dispatcher.ResponseData;
    try {
      const sent: Dispatcher.RequestOptions = {
        method: request.method as Dispatcher.HttpMethod,
        path: request.url,
        headers: upstreamRequestHeaders(request.headers, clientFacts(request)),
        body: await requestBody(request.raw, body),
        signal: abort,
        headersTimeout: this.options.timeoutMs,
        // Whether the body may stay quiet for long is only known from the answer (below).
        bodyTimeout: 0,
      };
      response = await this.pool.request(sent).catch((error: unknown) => {
        // A streamed body is gone once sent; one in hand (or none) may go to another instance.
        const again = neverSent(error) && !clientLeft && !(sent.body instanceof Readable);
        if (again && this.instances.origins.length > 1) return this.pool.request(sent);
        throw error;
      });
    } catch (error) {
      if (clientLeft || error instanceof ClientGone) return reply.hijack(); // nobody to answer
      // A stalled body will not be read to its end: the connection cannot carry another request.
      // (The rest of one that was too large is read and dropped, so the client gets the 413.)
      if (error instanceof BodyTimeout) reply.header('connection', 'close');
      throw this.explain(error);
    }

    if (request.method === 'HEAD' || response.statusCode === 204 || response.statusCode === 304) {
      await response.body.dump();
      return head(reply, response).send();
    }
    if (isEventStream(response.headers['content-type'])) {
      // A live event stream may stay quiet for long; it ends when either side closes.
      this.track(reply);
      return head(reply, response).send(response.body);
    }
    const answer = response.body;
    deadline = setTimeout(() => answer.destroy(this.bodyTimeout()), this.options.timeoutMs);
    if (!(Number(response.headers['content-length']) <= WHOLE_BODY_LIMIT))
      return head(reply, response).send(answer);
    // Read whole, then sent with the head in one write: cheaper than a stream for the usual small
    // JSON answer, and a body that fails or stalls is a 502/504 problem, not a cut-off 200.
    let whole: Buffer;
    try {
      whole = Buffer.from(await answer.arrayBuffer());
    } catch (error) {
      if (clientLeft) return reply.hijack();
      throw this.explain(error);
    } finally {
      clearTimeout(deadline);
    }
    return head(reply, response).send(whole);
  }

  /**
   * A small JSON exchange the gateway makes itself (not a forwarded request). Transport
   * failures and timeouts become the same 503/504/502 problems as when forwarding.
   */
  async exchange(
    method: Dispatcher.HttpMethod,
    path: string,
    headers: Record<string, string | string[]>,
    timeoutMs = this.options.timeoutMs,
  ): Promise<{ status: number; body: unknown }> {
    try {
      const response = await this.pool.request({
        method,
        path,
        headers,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const text = await response.body.text();
      try {
        return { status: response.statusCode, body: text ? (JSON.parse(text) as unknown) : undefined };
      } catch (error) {
        throw new UpstreamBroken({ detail: `The ${this.options.name} service sent no JSON.`, cause: error });
      }
    } catch (error) {
      throw this.explain(error, timeoutMs);
    }
  }

  /** Ends open event streams (clients resume with Last-Event-ID) so a shutdown can drain. */
  endStreams(): void {
    for (const reply of this.streams) reply.raw.destroy();
  }

  close(): Promise<void> {
    return this.instances.close();
  }

  private track(reply: FastifyReply): void {
    reply.raw.setTimeout(0);
    this.streams.add(reply);
    reply.raw.once('close', () => this.streams.delete(reply));
  }

  private bodyTimeout(): Error {
    return new UpstreamTimeout(
      `The ${this.options.name} service did not finish its answer within ${this.options.timeoutMs} ms.`,
    );
  }

  private explain(error: unknown, timeoutMs = this.options.timeoutMs): Error {
    const service = this.options.name;
    if (error instanceof AppError) return error;
    if (error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError) {
      return new UpstreamTimeout(`The ${service} service did not answer within ${timeoutMs} ms.`);
    }
    const code = errorCode(error);
    if (code && UNREACHABLE.has(code)) {
      return new UpstreamUnavailable({
        detail: `The ${service} service is unavailable; try again shortly.`,
        retryAfterSeconds: 1,
        cause: error,
      });
    }
    return new UpstreamBroken({ detail: `The ${service} service failed to answer.`, cause: error });
  }
}

/** The answer's status and headers on the reply (a module function: not a closure made per request). */
function head(reply: FastifyReply, response: Dispatcher.ResponseData): FastifyReply {
  return reply.code(response.statusCode).headers(clientResponseHeaders(response.headers));
}

function isEventStream(contentType: string | string[] | undefined): boolean {
  return typeof contentType === 'string' && contentType.toLowerCase().startsWith('text/event-stream');
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
]);

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if ('code' in e && typeof e.code === 'string' && e.code !== 'UND_ERR_SOCKET') return e.code;
  }
  return undefined;
}

/**
 * Dot segments and backslashes have no business in our API paths; refusing them means no
 * server or proxy behind us can normalise `/api/v1/users/../../internal/…` into a route.
 */
function assertPlainPath(url: string): void {
  const path = url.split('?', 1)[0] ?? '';
  if (!path.includes('%') && !path.includes('\\') && !path.includes('/.')) return; // nothing to look at
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    throw new PathNotAllowed('The path is not valid percent-encoding.');
  }
  if (decoded.includes('\\') || decoded.split('/').some((segment) => segment === '.' || segment === '..')) {
    throw new PathNotAllowed('Paths may not contain "." or ".." segments or backslashes.');
  }
}
