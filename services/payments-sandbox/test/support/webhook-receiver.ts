import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Stripe from 'stripe';
import { WEBHOOK_SECRET } from './sandbox-under-test.js';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** The status the receiver answers delivery number `n` (0-based) with. */
  respond: (n: number) => number;
  close: () => Promise<void>;
}

/** A small HTTP server standing in for the order service's webhook endpoint. */
export async function startWebhookReceiver(
  respond: (n: number) => number = () => 200,
): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = { url: '', received: [], respond, close: async () => {} };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const n = receiver.received.length;
      receiver.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.statusCode = receiver.respond(n);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}

/** Parses and verifies a delivery the way the order service will. */
export function verified(stripe: Stripe, hook: ReceivedWebhook): Stripe.Event {
  return stripe.webhooks.constructEvent(hook.body, String(hook.headers['stripe-signature']), WEBHOOK_SECRET);
}
