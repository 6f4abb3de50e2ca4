import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldProblem } from '../errors.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_BASE = 'https://shop.dev/problems/';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  errors?: FieldProblem[];
  requestId?: string;
  [extension: string]: unknown;
}

/** Every error leaves as an RFC 9457 problem document; 5xx details stay in the logs. */
export function registerProblemHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    const problem = toProblem(error, request);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: problem.code, status: problem.status }, problem.detail ?? problem.title);
    if (error instanceof AppError && error.retryAfterSeconds !== undefined) {
      reply.header('retry-after', String(Math.max(1, Math.ceil(error.retryAfterSeconds))));
    }
    if (problem.status === 401) reply.header('www-authenticate', 'Bearer');
    return sendProblem(reply, problem);
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, {
      type: `${PROBLEM_BASE}not-found`,
      title: 'Not Found',
      status: 404,
      code: 'not_found',
      detail: `No route for ${request.method} ${request.url.split('?')[0]}`,
      requestId: request.id,
    }),
  );
}

export function sendProblem(reply: FastifyReply, problem: Problem) {
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(problem);
}

function toProblem(error: FastifyError | AppError | Error, request: FastifyRequest): Problem {
  const base = { instance: request.url.split('?')[0], requestId: request.id };
  if (error instanceof AppError) {
    return {
      // Extensions first: an extension member named like a standard one (status) cannot replace it.
      ...error.extensions,
      type: `${PROBLEM_BASE}${error.code.replaceAll('_', '-')}`,
      title: error.title,
      status: error.status,
      code: error.code,
      ...(error.detail === undefined ? {} : { detail: error.detail }),
      ...(error.fields === undefined ? {} : { errors: error.fields }),
      ...base,
    };
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const where = fastifyError.validationContext ?? 'body';
    const errors = fastifyError.validation.map((v) => fieldProblem(where, v));
    return {
      type: `${PROBLEM_BASE}validation-failed`,
      title: 'Your request is not valid',
      status: 400,
      code: 'validation_failed',
      detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      errors,
      ...base,
    };
  }
  const status = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500;
  if (status >= 500) {
    return {
      type: `${PROBLEM_BASE}internal`,
      title: 'Internal Server Error',
      status,
      code: 'internal',
      detail: 'Something went wrong on our side; the request id identifies it in our logs.',
      ...base,
    };
  }
  const code = codeOfStatus(status);
  return {
    type: `${PROBLEM_BASE}${code.replaceAll('_', '-')}`,
    title: titleOf(status),
    status,
    code,
    detail: fastifyError.message,
    ...base,
  };
}

interface AjvLikeError {
  instancePath: string;
  message?: string | undefined;
  params: Record<string, unknown>;
  keyword: string;
}

function fieldProblem(where: string, v: AjvLikeError): FieldProblem {
  const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const location = where === 'querystring' ? 'query' : where;
  if (v.keyword === 'required' && typeof v.params.missingProperty === 'string') {
    const field = [location, path, v.params.missingProperty].filter(Boolean).join('.');
    return { field, message: 'is required' };
  }
  if (v.keyword === 'additionalProperties' && typeof v.params.additionalProperty === 'string') {
    const field = [location, path, v.params.additionalProperty].filter(Boolean).join('.');
    return { field, message: 'is not a known field' };
  }
  return { field: [location, path].filter(Boolean).join('.'), message: v.message ?? 'is invalid' };
}

function codeOfStatus(status: number): string {
  return titleOf(status).toLowerCase().replaceAll(' ', '_');
}

function titleOf(status: number): string {
  switch (status) {
    case 400:
      return 'Bad Request';
    case 401:
      return 'Unauthorized';
    case 403:
      return 'Forbidden';
    case 404:
      return 'Not Found';
    case 405:
      return 'Method Not Allowed';
    case 406:
      return 'Not Acceptable';
    case 409:
      return 'Conflict';
    case 413:
      return 'Payload Too Large';
    case 415:
      return 'Unsupported Media Type';
    case 429:
      return 'Too Many Requests';
    default:
      return 'Request Failed';
  }
}
