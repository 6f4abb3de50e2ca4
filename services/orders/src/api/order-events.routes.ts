import type { App, Guards } from '@shop/platform';
import { Type } from 'typebox';
import type { OrderTracking } from '../domain/order-tracking.js';
import { timelineView } from '../domain/order-view.js';
import { OrderParams } from './orders.schemas.js';
import { viewerOf } from './viewer.js';

/**
 * Live tracking over Server-Sent Events: `event: status`, `id:` the timeline entry id, `data:`
 * `{status, at, reason, tracking?}`. Resumable with Last-Event-ID, a heartbeat comment keeps
 * proxies from closing an idle stream, and the stream ends once the order is settled.
 */
export function registerOrderEventRoutes(
  app: App,
  { guards, tracking, heartbeatMs }: { guards: Guards; tracking: OrderTracking; heartbeatMs: number },
) {
  // Open streams never go idle: end them when the server closes, or shutdown would wait on them.
  const open = new Set<AbortController>();
  app.addHook('preClose', (done) => {
    for (const stream of open) stream.abort();
    done();
  });

  app.get(
    '/api/v1/orders/:id/events',
    {
      onRequest: guards.user,
      schema: {
        tags: ['orders'],
        security: [{ bearer: [] }],
        summary: 'Follow an order live (text/event-stream)',
        params: OrderParams,
        headers: Type.Object({
          'last-event-id': Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$' })),
        }),
        produces: ['text/event-stream'],
        response: { 200: Type.String({ description: 'A stream of `event: status` messages' }) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      await tracking.assertFollowable(id, viewerOf(request));
      const lastEventId = request.headers['last-event-id'];

      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no', // nginx-style proxies: do not buffer
        'x-request-id': request.id,
      });
      raw.write('retry: 2000\n\n');

      const closed = new AbortController();
      open.add(closed);
      const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), heartbeatMs);
      request.raw.once('close', () => closed.abort());
      try {
        const entries = tracking.follow(id, lastEventId ? Number(lastEventId) : undefined, closed.signal);
        for await (const entry of entries) {
          raw.write(`event: status\nid: ${entry.id}\ndata: ${JSON.stringify(sseData(entry))}\n\n`);
        }
      } catch (error) {
        request.log.warn({ err: error, orderId: id }, 'order event stream failed');
      } finally {
        open.delete(closed);
        clearInterval(heartbeat);
        raw.end();
      }
    },
  );
}

function sseData(entry: Parameters<typeof timelineView>[0]) {
  const { status, at, reason, tracking } = timelineView(entry);
  return { status, at, reason, ...(tracking ? { tracking } : {}) };
}
