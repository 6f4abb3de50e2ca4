import { Forbidden } from '@shop/platform/domain';
import { OrderNotFound, StaleOrder } from './errors.js';
import { cancelRequested, delivered, shipped } from './order-lifecycle.js';
import type { OrderSaga } from './order-saga.js';
import { orderView, type OrderView } from './order-view.js';
import type { Order, Tracking } from './order.js';
import type { OrderChange, OrderStore } from './ports.js';
import { actorOf, canRead, type Viewer } from './viewer.js';

export interface ManageOrderDeps {
  store: OrderStore;
  /** Drives a cancelled order's compensation (void or refund) at once. */
  saga: Pick<OrderSaga, 'drive'>;
}

/** What people do to an order after checkout: cancel it (owner), ship and deliver it (admin). */
export class ManageOrder {
  constructor(private readonly deps: ManageOrderDeps) {}

  /** Before shipping; a paid order is refunded and its stock put back (the saga does it now). */
  async cancel(orderId: string, viewer: Viewer): Promise<OrderView> {
    await this.change(orderId, viewer, (order) => {
      if (order.userId !== viewer.userId && !viewer.admin) {
        throw new Forbidden('Only the customer who placed the order can cancel it.');
      }
      return cancelRequested(order, actorOf(viewer));
    });
    await this.deps.saga.drive(orderId);
    return this.view(orderId);
  }

  async ship(orderId: string, tracking: Tracking, viewer: Viewer): Promise<OrderView> {
    await this.change(orderId, viewer, (order) => shipped(order, tracking, actorOf(viewer)), true);
    return this.view(orderId);
  }

  async deliver(orderId: string, viewer: Viewer): Promise<OrderView> {
    await this.change(orderId, viewer, (order) => delivered(order, actorOf(viewer)), true);
    return this.view(orderId);
  }

  private async change(
    orderId: string,
    viewer: Viewer,
    decide: (order: Order) => OrderChange,
    adminOnly = false,
  ): Promise<void> {
    if (adminOnly && !viewer.admin) throw new Forbidden('This needs the admin role.');
    for (let attempt = 1; ; attempt++) {
      const order = await this.deps.store.get(orderId);
      if (!order || !canRead(viewer, order.userId)) throw new OrderNotFound();
      try {
        await this.deps.store.apply(order, decide(order));
        return;
      } catch (error) {
        if (!(error instanceof StaleOrder) || attempt >= 5) throw error;
      }
    }
  }

  private async view(orderId: string): Promise<OrderView> {
    const order = (await this.deps.store.get(orderId))!;
    return orderView(order, await this.deps.store.timeline(orderId));
  }
}
