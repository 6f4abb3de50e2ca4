import { OrderNotFound } from './errors.js';
import { isSettled } from './order-lifecycle.js';
import type { TimelineEntry } from './order.js';
import type { OrderStore } from './ports.js';
import { canRead, type Viewer } from './viewer.js';

/** Tells a follower that an order may have changed (see messaging/order-status-feed.ts). */
export interface StatusFeed {
  subscribe(orderId: string, listener: () => void): () => void;
}

export interface OrderTrackingDeps {
  store: OrderStore;
  feed: StatusFeed;
}

/** Live tracking of one order: its status entries as they happen, until nothing more can. */
export class OrderTracking {
  constructor(private readonly deps: OrderTrackingDeps) {}

  /** Checks the viewer may follow the order (404 otherwise) before anything is streamed. */
  async assertFollowable(orderId: string, viewer: Viewer): Promise<void> {
    const order = await this.deps.store.get(orderId);
    if (!order || !canRead(viewer, order.userId)) throw new OrderNotFound();
  }

  /**
   * The current status at once (or, resuming, every entry after `afterId`), then each new one;
   * ends once the order is settled or `signal` aborts (the client went away).
   */
  async *follow(
    orderId: string,
    afterId: number | undefined,
    signal: AbortSignal,
  ): AsyncGenerator<TimelineEntry> {
    let wake: (() => void) | undefined;
    let pending = true; // read once before the first wait
    const unsubscribe = this.deps.feed.subscribe(orderId, () => {
      pending = true;
      wake?.();
    });
    const aborted = () => wake?.();
    signal.addEventListener('abort', aborted);
    try {
      let last = afterId;
      while (!signal.aborted) {
        if (!pending) await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        if (signal.aborted) return;
        pending = false;
        const entries = await this.deps.store.timeline(orderId, last ?? 0);
        // A fresh follower gets the current status only; a resuming one everything it missed.
        for (const entry of last === undefined ? entries.slice(-1) : entries) yield entry;
        last = entries.at(-1)?.id ?? last ?? 0;
        const order = await this.deps.store.get(orderId);
        if (!order || isSettled(order)) return;
      }
    } finally {
      signal.removeEventListener('abort', aborted);
      unsubscribe();
    }
  }
}
