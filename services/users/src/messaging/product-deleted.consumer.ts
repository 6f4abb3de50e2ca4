import { ProductDeleted, type PayloadOf } from '@shop/contracts';
import { idempotentHandler, type Bus, type Pool } from '@shop/platform';
import { favoritesRepository } from '../data/favorites-repository.js';

export const PRODUCT_EVENTS = 'users.product-events';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A product that is no longer sold leaves everyone's favorites (idempotent: a delete). */
export async function consumeProductDeleted(bus: Bus, pool: Pool): Promise<void> {
  await bus.consume(
    { name: PRODUCT_EVENTS, events: [ProductDeleted.type] },
    idempotentHandler(pool, PRODUCT_EVENTS, async (tx, event) => {
      const { productId } = event.payload as PayloadOf<typeof ProductDeleted>;
      // Favorites only ever hold UUIDs; anything else cannot be among them.
      if (UUID.test(productId)) await favoritesRepository(tx).removeProduct(productId);
    }),
  );
}
