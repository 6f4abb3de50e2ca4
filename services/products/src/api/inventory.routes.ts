import { problems } from '@shop/platform';
import type { App, Guards } from '@shop/platform';
import type { StockDesk } from '../domain/stock.js';
import { IdParams } from './common.schemas.js';
import { Inventory, InventoryUpdate } from './inventory.schemas.js';
import { inventoryView } from './inventory.views.js';
import { actorOf } from './viewer.js';

const tags = ['inventory'];

export interface InventoryRoutesDeps {
  guards: Guards;
  stock: StockDesk;
}

export function registerInventoryRoutes(app: App, { guards, stock }: InventoryRoutesDeps): void {
  app.get(
    '/api/v1/products/:id/inventory',
    {
      onRequest: guards.role('admin'),
      schema: {
        operationId: 'getProductInventory',
        tags,
        summary: 'Stock of a product (admin)',
        params: IdParams,
        response: { 200: Inventory, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => inventoryView(await stock.find(request.params.id)),
  );

  app.put(
    '/api/v1/products/:id/inventory',
    {
      onRequest: guards.role('admin'),
      schema: {
        operationId: 'adjustProductInventory',
        tags,
        summary: 'Set the on-hand count or book a delta (admin); every change is audited',
        params: IdParams,
        body: InventoryUpdate,
        response: { 200: Inventory, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => inventoryView(await stock.adjust(request.params.id, request.body, actorOf(request))),
  );
}
