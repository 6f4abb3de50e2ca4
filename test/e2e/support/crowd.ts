/**
 * Many customers at once, for the scale-out suite: signed up in parallel batches, then checking out
 * together, each retrying what a dying replica left unanswered under the same Idempotency-Key, as a
 * careful client does.
 */
import { randomUUID } from 'node:crypto';
import { PASSWORD, shippingAddress, type Customer } from './customers.js';
import { api, expectStatus } from './api.js';
import type { Answer, Shop } from './shop.js';

/** Runs `work` over `items` with at most `limit` of them in flight; answers in the items' order. */
export async function inParallel<T, R>(
  items: T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    for (let index = next++; index < items.length; index = next++)
      results[index] = await work(items[index]!, index);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/**
 * Registers and logs in `count` customers, `limit` at a time, customer i through gateway replica
 * i mod the replicas. Two calls each: the id is the access token's subject.
 */
export async function signUpCrowd(shop: Shop, name: string, count: number, limit = 20): Promise<Customer[]> {
  const gateways = shop.stack.gatewayUrls.length;
  return inParallel(
    Array.from({ length: count }, (_, i) => i),
    limit,
    async (i) => {
      const via = shop.through(i % gateways);
      const email = `${name.toLowerCase()}-${i}-${randomUUID().slice(0, 8)}@crowd.test`;
      const registered = await withRetries(() =>
        api(via, 'post', '/api/v1/auth/register', {
          body: { email, password: PASSWORD, name: `${name} ${i}` },
        }),
      );
      expectStatus(registered, 202, `register ${email}`);
      const login = await withRetries(() =>
        api(via, 'post', '/api/v1/auth/login', { body: { email, password: PASSWORD } }),
      );
      const token = expectStatus(login, 200, `login ${email}`).body.accessToken;
      return { id: subjectOf(token), name: `${name} ${i}`, email, token };
    },
  );
}

function subjectOf(token: string): string {
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as {
    sub: string;
  };
  return claims.sub;
}

export interface CheckoutOutcome {
  customer: Customer;
  /** The last answer (201 once the order exists, whatever became of it). */
  answer: Answer;
  orderId: string | undefined;
  attempts: number;
  /** Why each earlier attempt was tried again (status or error). */
  retried: string[];
  startedAt: number;
  endedAt: number;
}

/**
 * One checkout of `items` with a test card, through the given shop (a gateway replica), retried
 * under the same Idempotency-Key on what a client cannot tell from "not done": a network error, a
 * 5xx, or 409 "still in progress" (the first attempt's holder died holding the key). Gives up
 * after `deadlineMs`.
 */
export async function checkoutWithRetries(
  shop: Shop,
  customer: Customer,
  items: { productId: string; quantity: number }[],
  { deadlineMs = 120_000 } = {},
): Promise<CheckoutOutcome> {
  const key = randomUUID();
  const startedAt = Date.now();
  const retried: string[] = [];
  for (let attempts = 1; ; attempts++) {
    let answer: Answer | undefined;
    let failure: string;
    try {
      answer = await api(shop, 'post', '/api/v1/orders', {
        token: customer.token,
        headers: { 'idempotency-key': key },
        body: { paymentMethod: 'pm_card_visa', shippingAddress: shippingAddress(customer.name), items },
      });
      failure = String(answer.status);
    } catch (error) {
      failure = (error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    }
    const again = !answer || answer.status >= 500 || answer.body?.code === 'idempotency_key_in_progress';
    if (answer && (!again || Date.now() - startedAt > deadlineMs)) {
      return {
        customer,
        answer,
        orderId: answer.status === 201 ? (answer.body.id as string) : undefined,
        attempts,
        retried,
        startedAt,
        endedAt: Date.now(),
      };
    }
    if (Date.now() - startedAt > deadlineMs) throw new Error(`checkout of ${customer.email}: ${failure}`);
    retried.push(failure);
    await pause(Math.min(250 * attempts, 1000));
  }
}

/** Calls again on a network error or a 5xx (a replica that went away, a queue that was full). */
async function withRetries<A extends Answer>(call: () => Promise<A>, attempts = 10): Promise<A> {
  for (let attempt = 1; ; attempt++) {
    try {
      const answer = await call();
      if (answer.status < 500 || attempt >= attempts) return answer;
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
    await pause(200 * attempt);
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How many of each (answer statuses, order statuses, …), sorted by name, for the logs. */
export function tally(values: (string | number | undefined)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[String(value)] = (counts[String(value)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Seconds since `since`, for the logs. */
export const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);
