import { ProductDeleted, UserDeleted, type PayloadOf } from '@shop/contracts';
import { idempotentHandler, type Bus, type Pool } from '@shop/platform';
import { dropProductFromCarts, forgetShopper } from '../data/cart-repository.js';

export const CART_CLEANUP = {
  name: 'orders.cart-cleanup',
  events: [ProductDeleted.type, UserDeleted.type],
};

/**
 * Carts forget products that left the catalog and users who deleted their account. Orders stay:
 * they are the shop's records of sales. Deleting is naturally idempotent and order-free.
 */
export async function consumeCartCleanup(bus: Bus, pool: Pool): Promise<void> {
  await bus.consume(
    CART_CLEANUP,
    idempotentHandler(pool, CART_CLEANUP.name, async (tx, event) => {
      if (event.type === ProductDeleted.type) {
        const { productId } = event.payload as PayloadOf<typeof ProductDeleted>;
        await dropProductFromCarts(tx, productId);
      } else if (event.type === UserDeleted.type) {
        const { userId } = event.payload as PayloadOf<typeof UserDeleted>;
        await forgetShopper(tx, userId);
      }
    }),
  );
}
