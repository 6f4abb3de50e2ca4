/** A live-tracking stream read the way a browser's EventSource does, for the attack groups. */
import type { Shop } from '../../e2e/support/shop.js';
import type { Client } from './attack.js';

export interface StreamEvent {
  event: string;
  id: string | undefined;
  data: Record<string, unknown>;
}

/** A live-tracking stream through the gateway as `person`, read event by event; close() ends it. */
export async function follow(
  shop: Shop,
  person: { token: string; client: Client },
  orderId: string,
  headers: Record<string, string> = {},
  timeoutMs = 30_000,
) {
  const stop = new AbortController();
  const response = await fetch(`${shop.stack.gatewayUrl}/api/v1/orders/${orderId}/events`, {
    headers: {
      authorization: `Bearer ${person.token}`,
      accept: 'text/event-stream',
      'x-forwarded-for': person.client.address,
      ...headers,
    },
    signal: stop.signal,
  });
  const reader = response.ok ? response.body!.pipeThrough(new TextDecoderStream()).getReader() : undefined;
  let buffer = '';
  return {
    status: response.status,
    response,
    /** The next event, or undefined once the server ended the stream. */
    async next(): Promise<StreamEvent | undefined> {
      // Heartbeats come every SSE_HEARTBEAT_MS (1 s in the suite), so the deadline is looked at often.
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const field = (name: string) =>
            block
              .split('\n')
              .find((line) => line.startsWith(`${name}:`))
              ?.slice(name.length + 1)
              .trim();
          const data = field('data');
          if (data) return { event: field('event') ?? 'message', id: field('id'), data: JSON.parse(data) };
          continue; // the retry hint or a heartbeat
        }
        if (Date.now() > deadline) throw new Error('no event and no end of the stream in time');
        const { value, done } = await reader!.read();
        if (done) return undefined;
        buffer += value;
      }
    },
    async close() {
      stop.abort();
      await (reader
        ? reader.cancel().catch(() => undefined)
        : response.body?.cancel().catch(() => undefined));
    },
  };
}
