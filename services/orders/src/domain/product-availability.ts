import type { ProductStatus } from './ports.js';

/**
 * Why a product cannot be bought: products deleted it (archived: `product.deleted.v1`), it is not on
 * sale yet (a draft), or products does not know it at all.
 */
export type UnavailableReason = 'product_deleted' | 'not_for_sale' | 'unknown_product';

export function unavailableReason(status: ProductStatus | undefined): UnavailableReason | null {
  switch (status) {
    case 'active':
      return null;
    case 'archived':
      return 'product_deleted';
    case 'draft':
      return 'not_for_sale';
    case undefined:
      return 'unknown_product';
  }
}

export const describeReason: Record<UnavailableReason, string> = {
  product_deleted: 'is no longer sold',
  not_for_sale: 'is not for sale',
  unknown_product: 'is not in the catalog',
};
