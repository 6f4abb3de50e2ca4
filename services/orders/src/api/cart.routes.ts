import { problems, type App, type Guards } from '@shop/platform';
import { Type } from 'typebox';
import type { Carts } from '../domain/cart.js';
import { Cart, CartItemParams, SetQuantityBody } from './cart.schemas.js';
import { viewerOf } from './viewer.js';

const tags = ['cart'];

export interface CartRoutesDeps {
  guards: Guards;
  carts: Carts;
}

export function registerCartRoutes(app: App, { guards, carts }: CartRoutesDeps) {
  app.get(
    '/api/v1/cart',
    {
      onRequest: guards.user,
      schema: {
        tags,
        operationId: 'getCart',
        summary: 'Your cart, priced now, with availability',
        response: { 200: Cart, ...problems(401) },
      },
    },
    async (request) => carts.view(viewerOf(request).userId),
  );

  app.put(
    '/api/v1/cart/items/:productId',
    {
      onRequest: guards.user,
      schema: {
        tags,
        operationId: 'setCartItemQuantity',
        summary: 'Set the quantity of a product in your cart (0 removes it)',
        params: CartItemParams,
        body: SetQuantityBody,
        response: { 200: Cart, ...problems(400, 401, 404, 422) },
      },
    },
    async (request) =>
      carts.setQuantity(viewerOf(request).userId, request.params.productId, request.body.quantity),
  );

  app.delete(
    '/api/v1/cart/items/:productId',
    {
      onRequest: guards.user,
      schema: {
        tags,
        operationId: 'removeCartItem',
        summary: 'Remove a product from your cart',
        params: CartItemParams,
        response: { 204: Type.Null(), ...problems(400, 401) },
      },
    },
    async (request, reply) => {
      await carts.remove(viewerOf(request).userId, request.params.productId);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/v1/cart',
    {
      onRequest: guards.user,
      schema: {
        tags,
        operationId: 'clearCart',
        summary: 'Empty your cart',
        response: { 204: Type.Null(), ...problems(401) },
      },
    },
    async (request, reply) => {
      await carts.clear(viewerOf(request).userId);
      return reply.code(204).send(null);
    },
  );
}
