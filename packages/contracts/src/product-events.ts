import { Type } from 'typebox';
import { defineEvent } from './define-event.js';
import { Currency, MinorUnits } from './money.js';

const ProductStatus = Type.Union([Type.Literal('draft'), Type.Literal('active'), Type.Literal('archived')]);

/** What consumers keep of a product: enough to show it and to rank it. */
const ProductSnapshot = Type.Object({
  productId: Type.String(),
  sku: Type.String(),
  name: Type.String(),
  price: MinorUnits,
  currency: Currency,
  categoryId: Type.String(),
  brand: Type.String(),
  status: ProductStatus,
  version: Type.Integer(),
});

export const ProductCreated = defineEvent('product.created.v1', ProductSnapshot);
export const ProductUpdated = defineEvent('product.updated.v1', ProductSnapshot);
export const ProductPriceChanged = defineEvent(
  'product.price_changed.v1',
  Type.Object({
    productId: Type.String(),
    oldPrice: MinorUnits,
    newPrice: MinorUnits,
    currency: Currency,
    version: Type.Integer(),
  }),
);
/** Archived: no longer sold. Favorites and carts drop it. */
export const ProductDeleted = defineEvent(
  'product.deleted.v1',
  Type.Object({ productId: Type.String(), version: Type.Integer() }),
);

export const InventoryLowStock = defineEvent(
  'inventory.low_stock.v1',
  Type.Object({ productId: Type.String(), available: Type.Integer(), threshold: Type.Integer() }),
);
/** Available went from zero to some: people who favorited it hear about it. */
export const InventoryBackInStock = defineEvent(
  'inventory.back_in_stock.v1',
  Type.Object({ productId: Type.String(), available: Type.Integer() }),
);

export const ReviewCreated = defineEvent(
  'review.created.v1',
  Type.Object({
    reviewId: Type.String(),
    productId: Type.String(),
    userId: Type.String(),
    rating: Type.Integer({ minimum: 1, maximum: 5 }),
  }),
);
export const ReviewDeleted = defineEvent(
  'review.deleted.v1',
  Type.Object({ reviewId: Type.String(), productId: Type.String(), userId: Type.String() }),
);
