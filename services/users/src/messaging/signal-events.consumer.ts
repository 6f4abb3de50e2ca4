import { OrderPaid, ReviewCreated, ReviewDeleted, allEvents, on, routeEvents } from '@shop/contracts';
import type { RecommendationSignals } from '../domain/recommendation-signals.js';
import type { Consumer, Handling } from './consume.js';

/** What customers do elsewhere that tells their taste: paid baskets and reviews. */
export const signalEvents = (signals: RecommendationSignals): Consumer => ({
  name: 'users.recommendation-signals',
  router: routeEvents<Handling>(
    [
      on(OrderPaid, ({ stores }, p) =>
        signals.recordPaidOrder(stores, {
          orderId: p.orderId,
          userId: p.userId,
          paidAt: new Date(p.at),
          lines: p.lines.map((l) => ({ productId: l.productId, quantity: l.quantity })),
        }),
      ),
      on(ReviewCreated, ({ stores, event }, p) =>
        signals.recordReview(stores, { ...p, at: new Date(event.occurredAt) }),
      ),
      on(ReviewDeleted, ({ stores, event }, p) =>
        signals.recordReviewDeleted(stores, { ...p, at: new Date(event.occurredAt) }),
      ),
    ],
    allEvents,
  ),
});
