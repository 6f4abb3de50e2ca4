import { stripeSignature } from './webhook-signature.js';

export interface DeliveryOutcome {
  status: number | null;
  error: string | null;
}

/** At most this many deliveries in flight, so a burst of events cannot exhaust sockets. */
const MAX_CONCURRENT = 32;

/** One signed POST of an event to the endpoint, as Stripe makes it (headers, timeout, no redirects). */
export class WebhookSender {
  private readonly requests = new Set<AbortController>();
  private readonly waiting: (() => void)[] = [];
  private active = 0;

  constructor(private readonly options: { secret: string; timeoutMs: number }) {}

  async send(url: string, payload: string): Promise<DeliveryOutcome> {
    await this.slot();
    const controller = new AbortController();
    this.requests.add(controller);
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          // Signed at send time: every attempt carries a fresh timestamp, as Stripe's retries do.
          'stripe-signature': stripeSignature(payload, this.options.secret, Math.floor(Date.now() / 1000)),
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'cache-control': 'no-cache',
          accept: '*/*; q=0.5, application/xml',
        },
        body: payload,
        signal: controller.signal,
        redirect: 'manual',
      });
      await response.body?.cancel();
      return { status: response.status, error: null };
    } catch (error) {
      return { status: null, error: describe(error, controller.signal.aborted, this.options.timeoutMs) };
    } finally {
      clearTimeout(timer);
      this.requests.delete(controller);
      this.release();
    }
  }

  abortAll(): void {
    for (const request of this.requests) request.abort();
  }

  private async slot(): Promise<void> {
    if (this.active < MAX_CONCURRENT) {
      this.active += 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** Hands the slot to the next waiting delivery, or frees it. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }
}

function describe(error: unknown, aborted: boolean, timeoutMs: number): string {
  if (aborted) return `no answer within ${timeoutMs} ms`;
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as NodeJS.ErrnoException | undefined;
  return cause ? `${error.message}: ${cause.code ?? cause.message}` : error.message;
}
