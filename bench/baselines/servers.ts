/**
 * The reference servers the benchmark compares the shop with, one per process as in the real
 * stack: `node servers.ts <kind>` listens on a free port and prints its URL on stdout.
 *   hello       a bare Fastify hello-world
 *   forwarder   a plain undici Pool forwarding everything to TARGET_URL (the gateway's approach)
 *   reply-from  @fastify/reply-from forwarding to TARGET_URL (the alternative it was measured against)
 *   pk-read     one primary-key SELECT per request, a named prepared statement, on DATABASE_URL
 */
import replyFrom from '@fastify/reply-from';
import Fastify from 'fastify';
import pg from 'pg';
import { Pool } from 'undici';

const kind = process.argv[2];
const app = Fastify({ logger: false });

if (kind === 'hello') {
  app.get('/*', async () => ({ hello: 'world' }));
} else if (kind === 'forwarder') {
  const pool = new Pool(process.env.TARGET_URL!, { connections: 128 });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, _payload, done) => done(null));
  app.all('/*', async (request, reply) => {
    const response = await pool.request({
      method: request.method as 'GET',
      path: request.url,
      headers: request.headers,
      body: request.method === 'GET' || request.method === 'HEAD' ? null : request.raw,
    });
    return reply.code(response.statusCode).headers(response.headers).send(response.body);
  });
} else if (kind === 'reply-from') {
  await app.register(replyFrom, { base: process.env.TARGET_URL!, undici: { connections: 128 } });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
  app.all('/*', (request, reply) => reply.from(request.url));
} else if (kind === 'pk-read') {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL!, max: 10 });
  app.get('/items/:id', async (request, reply) => {
    const { rows } = await pool.query({
      name: 'item-by-id',
      text: 'SELECT id, name, price FROM bench_items WHERE id = $1',
      values: [Number((request.params as { id: string }).id)],
    });
    return rows[0] ?? reply.code(404).send();
  });
} else {
  throw new Error(`unknown server kind ${kind}`);
}

const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${url}\n`);
