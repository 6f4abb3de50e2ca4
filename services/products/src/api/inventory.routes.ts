import { problems } from '@shop/platform';
import type { App, Guards } from '@shop/platform';
import type { Stock, StockKeeping } from '../domain/stock.js';
import { IdParams, bearer } from './common.schemas.js';
import { Inventory, InventoryUpdate } from './inventory.schemas.js';
import { actorOf } from './viewer.js';

const tags = ['inventory'];

const inventoryBody = (stock: Stock) => ({ ...stock, available: stock.onHand - stock.reserved });

export function inventoryRoutes(app: App, { stock, guards }: { stock: StockKeeping; guards: Guards }) {
  app.get(
    '/api/v1/products/:id/inventory',
    {
      onRequest: guards.role('admin'),
      schema: {
        tags,
        summary: 'Stock of a product (admin)',
        security: bearer,
        params: IdParams,
        response: { 200: Inventory, ...problems(401, 403, 404) },
      },
    },
    async (request) => inventoryBody(await stock.find(request.params.id)),
  );

  app.put(
    '/api/v1/products/:id/inventory',
    {
      onRequest: guards.role('admin'),
      schema: {
        tags,
        summary: 'Set the on-hand count or book a delta (admin); every change is audited',
        security: bearer,
        params: IdParams,
        body: InventoryUpdate,
        response: { 200: Inventory, ...problems(400, 401, 403, 404, 409) },
      },
    },
    async (request) => inventoryBody(await stock.adjust(request.params.id, request.body, actorOf(request))),
  );
}
