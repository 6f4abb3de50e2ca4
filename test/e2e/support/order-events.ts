/** Reading an order's live status stream (Server-Sent Events) the way a browser's EventSource does. */

export interface OrderStatusEvent {
  status: string;
  at: string;
  reason: string | null;
  tracking?: { carrier: string; trackingNumber: string };
}

export interface OrderEvents {
  /** The next `status` event; undefined once the stream has ended. */
  next(): Promise<OrderStatusEvent | undefined>;
}

/** Opens `/api/v1/orders/{id}/events` through the gateway. */
export async function followOrder(gatewayUrl: string, orderId: string, token: string): Promise<OrderEvents> {
  const response = await fetch(`${gatewayUrl}/api/v1/orders/${orderId}/events`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
  });
  if (response.status !== 200) throw new Error(`the order stream answered ${response.status}`);
  return readOrderEvents(response);
}

export function readOrderEvents(response: Response, timeoutMs = 15_000): OrderEvents {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  return {
    async next() {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          const data = lines.find((line) => line.startsWith('data:'));
          // `event: end` says why the server is closing; the stream is over once it closes.
          if (data && !lines.includes('event: end')) return JSON.parse(data.slice(5)) as OrderStatusEvent;
          continue; // the retry hint, a heartbeat or the end notice
        }
        // Heartbeats arrive every SSE_HEARTBEAT_MS, so the deadline is checked at least that often.
        if (Date.now() > deadline) throw new Error(`no order event within ${timeoutMs / 1000} s`);
        const { value, done } = await reader.read();
        if (done) return undefined;
        buffer += value;
      }
    },
  };
}
