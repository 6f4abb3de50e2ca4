/**
 * What a burst of checkouts left behind, read where it is kept: the orders and their status
 * history (orders' database), stock and reservations (products' database), charges (the payment
 * sandbox's event log), and how many requests each instance answered (its /metrics).
 */
import assert from 'node:assert/strict';
import { waitFor } from '@shop/platform/testing';
import type { ShopDatabases } from './databases.js';
import type { Json, Shop } from './shop.js';

export interface OrderState {
  id: string;
  user_id: string;
  status: string;
  saga_step: string;
  stock: string;
  payment_intent_id: string | null;
  created_at: Date;
}

const UNPAID = ['pending', 'awaiting_payment'];

export async function orderStates(databases: ShopDatabases, orderIds: string[]): Promise<OrderState[]> {
  return databases.rows<OrderState & Record<string, unknown>>(
    'orders',
    `SELECT id, user_id, status, saga_step, stock, payment_intent_id, created_at
     FROM orders WHERE id = ANY($1::uuid[]) ORDER BY created_at, id`,
    [orderIds],
  );
}

/** Waits until the saga is done with every order (nothing left to retry or to wait for). */
export async function waitUntilTerminal(
  databases: ShopDatabases,
  orderIds: string[],
  timeoutMs = 120_000,
): Promise<OrderState[]> {
  return waitFor(
    async () => {
      const states = await orderStates(databases, orderIds);
      const open = states.filter((o) => o.saga_step !== 'done' || UNPAID.includes(o.status));
      assert.ok(
        states.length === orderIds.length && open.length === 0,
        `${states.length}/${orderIds.length} orders stored, ${open.length} still in the saga: ${JSON.stringify(open.slice(0, 5))}`,
      );
      return states;
    },
    { timeoutMs, intervalMs: 500 },
  );
}

/** Each order's statuses in the order they were entered. */
export async function histories(
  databases: ShopDatabases,
  orderIds: string[],
): Promise<Map<string, string[]>> {
  const rows = await databases.rows<{ order_id: string; status: string }>(
    'orders',
    `SELECT order_id, status FROM order_status_history WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, id`,
    [orderIds],
  );
  const byOrder = new Map<string, string[]>(orderIds.map((id) => [id, []]));
  for (const row of rows) byOrder.get(row.order_id)!.push(row.status);
  return byOrder;
}

/** The orders whose history holds a status twice: a transition made twice (the saga ran it twice). */
export function repeatedTransitions(byOrder: Map<string, string[]>): [string, string[]][] {
  return [...byOrder].filter(([, statuses]) => new Set(statuses).size !== statuses.length);
}

export interface StockLedger {
  onHand: number;
  reserved: number;
  /** Units of the product in reservations by status (committed ones have left on_hand). */
  units: Record<string, number>;
  /** What the audit trail adds up to (it must equal the counts). */
  movements: { onHand: number; reserved: number };
}

export async function stockLedger(databases: ShopDatabases, productId: string): Promise<StockLedger> {
  const [inventory] = await databases.rows<{ on_hand: number; reserved: number }>(
    'products',
    `SELECT on_hand, reserved FROM inventory WHERE product_id = $1`,
    [productId],
  );
  const units = await databases.rows<{ status: string; units: string }>(
    'products',
    `SELECT r.status, sum(l.quantity) AS units FROM reservations r
     JOIN reservation_lines l ON l.order_id = r.order_id WHERE l.product_id = $1 GROUP BY r.status`,
    [productId],
  );
  const [movements] = await databases.rows<{ on_hand: string; reserved: string }>(
    'products',
    `SELECT coalesce(sum(on_hand_delta), 0) AS on_hand, coalesce(sum(reserved_delta), 0) AS reserved
     FROM stock_movements WHERE product_id = $1`,
    [productId],
  );
  return {
    onHand: inventory!.on_hand,
    reserved: inventory!.reserved,
    units: Object.fromEntries(units.map((row) => [row.status, Number(row.units)])),
    movements: { onHand: Number(movements!.on_hand), reserved: Number(movements!.reserved) },
  };
}

/** Stock is conserved: what is on hand plus what was sold is what was stocked, and nothing is held. */
export function assertStockConserved(ledger: StockLedger, stocked: number, context: string): void {
  const sold = ledger.units.committed ?? 0;
  assert.equal(
    ledger.onHand + sold,
    stocked,
    `${context}: on hand + sold = stocked: ${JSON.stringify(ledger)}`,
  );
  assert.equal(ledger.reserved, 0, `${context}: nothing is still held: ${JSON.stringify(ledger)}`);
  assert.equal(
    ledger.units.held ?? 0,
    0,
    `${context}: no reservation is still held: ${JSON.stringify(ledger)}`,
  );
  assert.ok(ledger.onHand >= 0, `${context}: not oversold: ${JSON.stringify(ledger)}`);
  assert.deepEqual(
    ledger.movements,
    { onHand: ledger.onHand, reserved: ledger.reserved },
    `${context}: the audit trail adds up to the counts: ${JSON.stringify(ledger)}`,
  );
}

/**
 * The sandbox's succeeded charges per order (every PaymentIntent made for an order carries its id),
 * and the PaymentIntents made per order, from the sandbox's event log.
 */
export async function chargesByOrder(shop: Shop): Promise<{
  charges: Map<string, string[]>;
  intents: Map<string, string[]>;
  refunds: Map<string, number>;
}> {
  const orderOfIntent = new Map<string, string>();
  const intents = new Map<string, string[]>();
  for (const entry of await sandboxEvents(shop, 'payment_intent.created')) {
    const intent = entry.event.data.object;
    const orderId = intent.metadata?.order_id as string | undefined;
    if (!orderId) continue;
    orderOfIntent.set(intent.id, orderId);
    intents.set(orderId, [...(intents.get(orderId) ?? []), intent.id]);
  }
  const charges = new Map<string, string[]>();
  for (const entry of await sandboxEvents(shop, 'charge.succeeded')) {
    const orderId = orderOfIntent.get(entry.paymentIntent);
    if (!orderId) continue;
    const ids = charges.get(orderId) ?? [];
    if (!ids.includes(entry.event.data.object.id)) ids.push(entry.event.data.object.id);
    charges.set(orderId, ids);
  }
  const refunds = new Map<string, number>();
  for (const entry of await sandboxEvents(shop, 'charge.refunded')) {
    const orderId = orderOfIntent.get(entry.paymentIntent);
    if (orderId) refunds.set(orderId, (refunds.get(orderId) ?? 0) + 1);
  }
  return { charges, intents, refunds };
}

async function sandboxEvents(shop: Shop, type: string): Promise<Json[]> {
  const entries: Json[] = [];
  let cursor: string | null = null;
  do {
    const page = await shop.sandbox(
      'GET',
      `/_sandbox/events?type=${type}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    assert.equal(page.status, 200, JSON.stringify(page.body));
    entries.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return entries;
}

/**
 * How many `method route` requests an instance has answered since it started, by its /metrics
 * (the request-duration histogram's count, every status summed); undefined when it does not answer.
 */
export async function requestsAnswered(
  baseUrl: string,
  method: string,
  route: string,
): Promise<number | undefined> {
  let text: string;
  try {
    const response = await fetch(`${baseUrl}/metrics`);
    if (response.status !== 200) return undefined;
    text = await response.text();
  } catch {
    return undefined;
  }
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith('http_request_duration_seconds_count{')) continue;
    if (line.includes(`method="${method}"`) && line.includes(`route="${route}"`)) {
      total += Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return total;
}
