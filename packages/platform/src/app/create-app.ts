import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AjvCompiler } from '@fastify/ajv-compiler';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
  type RawServerDefault,
} from 'fastify';
import { pino, type DestinationStream } from 'pino';
import { loggerOptions } from '../logger.js';
import { contextFrom, isSafeId, runWithContext, type RequestContext } from '../request-context.js';
import { canonicalIds, UUID } from './canonical-ids.js';
import { clientError, frameworkError } from './client-errors.js';
import { refusingUnstorableInput } from './unstorable-input.js';
import { registerHealth, type ReadinessCheck } from './health.js';
import { registerMetrics } from './metrics.js';
import { documentRoute, finishDocument } from './openapi-document.js';
import { registerProblemHandler } from './problem-handler.js';
import { redactedUrl } from './redacted-url.js';
import { RequestLogger } from './request-logger.js';

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

const CONTEXT = Symbol('request context');
type WithContext = IncomingMessage & { [CONTEXT]?: RequestContext };

export interface AppOptions {
  service: string;
  logLevel: string;
  /** Checked by /readyz (database, bus, …). */
  readiness?: Record<string, ReadinessCheck>;
  /** Process metrics (event loop, GC, memory); off in tests that build many apps. */
  processMetrics?: boolean;
  /**
   * Who may read /metrics, by client address (after trustProxy). Unset: anyone, right for a service
   * reached only inside the cluster; the public gateway limits it. Others get a 404.
   */
  metricsReaders?: (address: string) => boolean;
  openapi?: { title: string; description: string; version?: string };
  bodyLimit?: number;
  /**
   * Addresses or CIDRs of proxies in front of this app whose X-Forwarded-For/-Proto/-Host
   * are believed (request.ip, request.protocol, request.host); none by default.
   */
  trustProxy?: string[];
  /**
   * Convert JSON body values to the schema's types ("1" → 1). Off by default: a JSON
   * client sending a number where a string belongs is told so. Query strings, params
   * and headers are always converted, since they arrive as text.
   */
  coerceBody?: boolean;
  /**
   * Run each request inside its context (AsyncLocalStorage), so that service calls, outbox
   * writes and logs anywhere below find its id and trace (default). An app that passes
   * `requestContext(request)` on by hand can turn it off: an active AsyncLocalStorage costs
   * on every promise the process makes (measured: a fifth of the gateway's time per request).
   */
  asyncContext?: boolean;
  /** Where log lines go; default stdout, written in batches (tests pass a stream to read them). */
  logStream?: DestinationStream;
  /**
   * A request (line, headers and body) must arrive within this (default 30 s), its headers within
   * `headersTimeoutMs` (default 10 s): a client sending a byte now and then cannot hold a connection
   * (or, behind the gateway, a connection to a service) for long. Answers are not limited: event
   * streams stay open. Answered with a 408 problem, and the connection closed.
   */
  requestTimeoutMs?: number;
  headersTimeoutMs?: number;
}

/** The id and trace context of a request, as the platform's hooks built them. */
export function requestContext(request: FastifyRequest): RequestContext {
  const raw = request.raw as WithContext;
  return (raw[CONTEXT] ??= contextOf(raw, request.id));
}

function contextOf(raw: IncomingMessage, requestId: string | undefined): RequestContext {
  const traceparent = raw.headers.traceparent;
  return contextFrom({ requestId, traceparent: typeof traceparent === 'string' ? traceparent : undefined });
}

/**
 * The Fastify instance every service starts from: TypeBox schemas validate input
 * and serialize output, errors leave as problem+json, each request carries an id
 * and a trace context, and health, readiness, metrics and the OpenAPI document
 * are mounted. No listen here: tests call inject().
 */
export async function createApp(options: AppOptions): Promise<App> {
  let draining = false;
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const app = Fastify({
    // Asynchronous, batched writes: lines gather until 4 KB or 200 ms, then leave in one write
    // (one write per line cost a fifth of a busy service's time when measured). pino flushes
    // what is pending at exit; only a SIGKILL can lose the last 200 ms of lines.
    loggerInstance: pino(
      loggerOptions(options.service, options.logLevel),
      options.logStream ?? pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 200 }),
    ) as FastifyBaseLogger,
    // One line per request, written in onResponse below, instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    ...(options.trustProxy?.length ? { trustProxy: options.trustProxy } : {}),
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && isSafeId(given) ? given : randomUUID();
    },
    // request.log carries the trace id too, so the request's context is built here, once; the
    // child logger itself is only made if something logs through it (see RequestLogger).
    childLoggerFactory: (logger, bindings, options, raw) => {
      const context = contextOf(raw, bindings.reqId as string | undefined);
      (raw as WithContext)[CONTEXT] = context;
      return RequestLogger.create(logger, { ...bindings, traceId: context.traceId }, options);
    },
    schemaController: { compilersFactory: { buildValidator: validatorFactory(options.coerceBody ?? false) } },
    requestTimeout: requestTimeoutMs,
    // Node checks the timeouts every connectionsCheckingInterval (30 s by default, which would let a
    // 10 s limit run to 40 s).
    // (`http` makes Fastify's types guess an HTTP/2 server: it is the HTTP/1 one's options.)
    http: {
      headersTimeout: Math.min(options.headersTimeoutMs ?? 10_000, requestTimeoutMs),
      connectionsCheckingInterval: 1000,
    } as unknown as undefined,
    clientErrorHandler: clientError,
    frameworkErrors: frameworkError,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: 200, ignoreTrailingSlash: true },
  }).withTypeProvider<TypeBoxTypeProvider>();

  canonicalIds(app);

  const asyncContext = options.asyncContext ?? true;
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    if (asyncContext) runWithContext(requestContext(request), done);
    else done();
  });
  // The request line's fields are fixed and carry no secrets, so it skips the redaction of other
  // lines: with its wildcard paths (`*.password`) that cost three quarters of the line (measured).
  const requestLines = app.log.child({}, { redact: [] });
  const levels = pino.levels.values;
  app.addHook('onResponse', (request, reply, done) => {
    // A body refused halfway (too large, a bad multipart) is read to its end and dropped: a proxy
    // still sending it would otherwise stall against an unread socket, or see it closed, and
    // answer 502 or 408 instead of this answer. The request timeout still bounds it.
    if (!request.raw.complete && !request.raw.destroyed) request.raw.resume();
    const level = reply.statusCode >= 500 ? 'error' : 'info';
    // A route may log only from a higher level up (health probes: warn); request.log follows it.
    const routeLevel = levels[request.routeOptions.logLevel];
    if (routeLevel !== undefined && levels[level]! < routeLevel) return done();
    // The app's logger with request.log's fields: the same line without a child logger per request.
    requestLines[level](
      {
        reqId: request.id,
        traceId: requestContext(request).traceId,
        method: request.method,
        url: redactedUrl(request.url),
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request completed',
    );
    done();
  });
  app.addHook('preClose', (done) => {
    draining = true;
    done();
  });
  app.decorateRequest('principal', undefined);

  registerProblemHandler(app);
  registerHealth(app, options.readiness ?? {}, () => draining, options.logLevel);
  registerMetrics(app, options.service, options.processMetrics ?? false, options.metricsReaders);

  if (options.openapi) {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: options.openapi.title,
          description: options.openapi.description,
          version: options.openapi.version ?? '1.0.0',
        },
        components: {
          securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
        },
      },
      // Security and the platform's own problem answers, derived from each route (openapi-document.ts).
      transform: documentRoute as never,
      transformObject: finishDocument as never,
    });
    app.get('/openapi.json', { schema: { hide: true, operationId: 'getServiceOpenApi' } }, async () =>
      app.swagger(),
    );
  }
  return app;
}

const ajvOptions = {
  removeAdditional: false,
  useDefaults: true,
  allErrors: false,
  // `type: ['string', 'number']` is how a value may take several scalar types without
  // coercion (an anyOf's first branch would turn 250 into "250").
  allowUnionTypes: true,
} as const;

/** Two Ajv instances: one converting text (query, params, headers), one strict for JSON bodies. */
function validatorFactory(coerceBody: boolean) {
  const pool = AjvCompiler();
  return (externalSchemas: unknown, serverOptions: { customOptions?: object; plugins?: unknown[] } = {}) => {
    const build = (coerceTypes: false | 'array') =>
      pool(
        externalSchemas as never,
        {
          ...serverOptions,
          customOptions: { ...serverOptions.customOptions, ...ajvOptions, coerceTypes },
          plugins: serverOptions.plugins ?? [],
          // After ajv-formats, which would take `urn:uuid:…` (see canonical-ids.ts).
          onCreate: (ajv: { addFormat(name: string, format: RegExp): unknown }) =>
            ajv.addFormat('uuid', UUID),
        } as never,
      );
    const text = build('array');
    const body = coerceBody ? text : build(false);
    return (route: { httpPart?: string }) =>
      refusingUnstorableInput((route.httpPart === 'body' ? body : text)(route as never) as never) as never;
  };
}
