import type { IncomingHttpHeaders } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FakeUpstream {
  url: string;
  seen: SeenRequest[];
  /** Whether the client of the last event stream went away. */
  streamClosed: boolean;
  /** Order event streams open right now (`GET /api/v1/orders/:id/events`). */
  openStreams: number;
  app: FastifyInstance;
  close(): Promise<void>;
}

/**
 * A stand-in for a service behind the gateway: records what reaches it and answers
 * with it, and has the odd routes the proxy tests need (slow, broken, event stream).
 */
export async function startFakeUpstream(name: string, openapi: object = {}): Promise<FakeUpstream> {
  const app = Fastify();
  const state: FakeUpstream = {
    url: '',
    seen: [],
    streamClosed: false,
    openStreams: 0,
    app,
    close: () => app.close(),
  };
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 50 * 1024 * 1024 }, (_r, body, done) =>
    done(null, body),
  );
  app.get('/openapi.json', async () => openapi);
  app.get('/api/v1/:area/slow', async () => new Promise((resolve) => setTimeout(() => resolve({}), 1500)));
  app.get('/api/v1/:area/broken', async (request) => request.raw.socket.destroy());
  app.get('/api/v1/:area/no-content', async (_request, reply) => reply.code(204).send());
  app.get('/api/v1/:area/stalled', (_request, reply) => {
    reply.raw.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
    reply.raw.write('{"partial":'); // and never the rest
  });
  app.get('/api/v1/:area/stalled-large', (_request, reply) => {
    reply.raw.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000000' });
    reply.raw.write('{"partial":'); // and never the rest
  });
  app.get('/api/v1/:area/cut-short', (request, reply) => {
    reply.raw.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
    reply.raw.write('{"partial":', () => request.raw.socket.destroy());
  });
  app.get<{ Params: { id: string } }>(
    '/api/v1/orders/:id/events',
    { exposeHeadRoute: false },
    (request, reply) => {
      if (request.params.id === 'missing') return reply.code(404).send({ code: 'not_found' });
      state.openStreams += 1;
      reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      reply.raw.write(': open\n\n');
      request.raw.on('close', () => {
        state.openStreams -= 1;
      });
    },
  );
  app.get('/api/v1/:area/events', (request, reply) => {
    reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    let id = 0;
    const tick = () => reply.raw.write(`id: ${++id}\ndata: {"n":${id}}\n\n`);
    tick();
    const timer = setInterval(tick, 100);
    request.raw.on('close', () => {
      clearInterval(timer);
      state.streamClosed = true;
    });
  });
  app.all('/*', async (request, reply) => {
    const seen = {
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: typeof request.body === 'string' ? request.body : '',
    };
    state.seen.push(seen);
    return reply
      .code(request.method === 'POST' ? 201 : 200)
      .header('x-upstream', name)
      .header('x-request-id', 'upstream-must-not-override')
      .header('set-cookie', ['a=1; HttpOnly', 'b=2; HttpOnly'])
      .send({ upstream: name, ...seen });
  });
  state.url = await app.listen({ host: '127.0.0.1', port: 0 });
  return state;
}
