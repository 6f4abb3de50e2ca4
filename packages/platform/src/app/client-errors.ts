import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_BASE, PROBLEM_CONTENT_TYPE, sendProblem } from './problem-handler.js';

/**
 * What the router refuses before any route runs (a malformed percent-encoding, a path parameter
 * over maxParamLength), as problem documents like every other refusal rather than Fastify's own JSON.
 */
export function frameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const status = tooLong ? 414 : 400;
  const code = tooLong ? 'uri_too_long' : 'bad_url';
  return sendProblem(reply, {
    type: `${PROBLEM_BASE}${code.replaceAll('_', '-')}`,
    title: tooLong ? 'URI Too Long' : 'Bad Request',
    status,
    code,
    detail: tooLong
      ? 'A part of the path is longer than 200 characters.'
      : 'The path is not valid percent-encoding.',
    requestId: request.id,
  });
}

const CLIENT_ERRORS: Record<string, { status: number; code: string; title: string; detail: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'request_timeout',
    title: 'Request Timeout',
    detail: 'The request was not received in time.',
  },
  ERR_HTTP_HEADERS_TIMEOUT: {
    status: 408,
    code: 'request_timeout',
    title: 'Request Timeout',
    detail: 'The request headers were not received in time.',
  },
  HPE_HEADER_OVERFLOW: {
    status: 431,
    code: 'request_header_fields_too_large',
    title: 'Request Header Fields Too Large',
    detail: 'The request line and headers may be at most 16 KB.',
  },
  HPE_URI_TOO_LONG: {
    status: 414,
    code: 'uri_too_long',
    title: 'URI Too Long',
    detail: 'The request line may be at most 16 KB.',
  },
};
const MALFORMED = {
  status: 400,
  code: 'malformed_request',
  title: 'Bad Request',
  detail: 'The request is not valid HTTP.',
};

/**
 * Requests Node's HTTP parser refuses (headers over 16 KB, a request not received within the
 * request timeout, malformed HTTP) never reach Fastify: the answer is written on the socket,
 * here as a problem document, and the connection is closed as Node would.
 */
export function clientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = CLIENT_ERRORS[error.code ?? ''] ?? MALFORMED;
  if (socket.writable) {
    const body = JSON.stringify({
      type: `${PROBLEM_BASE}${known.code.replaceAll('_', '-')}`,
      title: known.title,
      status: known.status,
      code: known.code,
      detail: known.detail,
    });
    socket.write(
      `HTTP/1.1 ${known.status} ${known.title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
