import type { Static } from 'typebox';
import { availableOf, type Stock } from '../domain/stock.js';
import type { Inventory } from './inventory.schemas.js';

export function inventoryView(stock: Stock): Static<typeof Inventory> {
  return {
    productId: stock.productId,
    onHand: stock.onHand,
    reserved: stock.reserved,
    available: availableOf(stock),
    version: stock.version,
    updatedAt: stock.updatedAt,
  };
}
