import { decodeCursor, encodeCursor, problems, type App } from '@shop/platform';
import type { AddressBook } from '../domain/address-book.js';
import {
  Address,
  AddressBody,
  AddressPage,
  AddressParams,
  AddressPatch,
  ListQuery,
} from './addresses.schemas.js';
import { addressView } from './addresses.views.js';
import { userId, type AuthHooks } from './auth-hooks.js';
import { CreatedKey, NoContent } from './common.schemas.js';

const tags = ['addresses'];

export interface AddressRoutesDeps {
  auth: AuthHooks;
  book: AddressBook;
}

/** Only ever the signed-in user's addresses: another user's id answers 404, like an unknown one. */
export function registerAddressRoutes(app: App, { auth, book }: AddressRoutesDeps): void {
  app.get(
    '/api/v1/users/me/addresses',
    {
      onRequest: auth.user,
      schema: {
        operationId: 'listAddresses',
        tags,
        summary: 'Your addresses, oldest first',
        querystring: ListQuery,
        response: { 200: AddressPage, ...problems(400, 401) },
      },
    },
    async (request) => {
      const after = decodeCursor(request.query.cursor, CreatedKey);
      const page = await book.list(userId(request), { after, limit: request.query.limit });
      return { items: page.items.map(addressView), nextCursor: page.next ? encodeCursor(page.next) : null };
    },
  );

  app.post(
    '/api/v1/users/me/addresses',
    {
      onRequest: auth.user,
      schema: {
        operationId: 'addAddress',
        tags,
        summary: 'Add an address',
        description: 'The first address becomes the default.',
        body: AddressBody,
        response: { 201: Address, ...problems(400, 401, 404, 409) },
      },
    },
    async (request, reply) => {
      const address = await book.add(userId(request), request.body);
      return reply
        .code(201)
        .header('location', `/api/v1/users/me/addresses/${address.id}`)
        .send(addressView(address));
    },
  );

  app.get(
    '/api/v1/users/me/addresses/:id',
    {
      onRequest: auth.user,
      schema: {
        operationId: 'getAddress',
        tags,
        summary: 'One of your addresses',
        params: AddressParams,
        response: { 200: Address, ...problems(400, 401, 404) },
      },
    },
    async (request) => addressView(await book.get(userId(request), request.params.id)),
  );

  app.patch(
    '/api/v1/users/me/addresses/:id',
    {
      onRequest: auth.user,
      schema: {
        operationId: 'updateAddress',
        tags,
        summary: 'Change an address',
        description: 'Optional fields can be cleared with null.',
        params: AddressParams,
        body: AddressPatch,
        response: { 200: Address, ...problems(400, 401, 404) },
      },
    },
    async (request) => addressView(await book.update(userId(request), request.params.id, request.body)),
  );

  app.delete(
    '/api/v1/users/me/addresses/:id',
    {
      onRequest: auth.user,
      schema: {
        operationId: 'deleteAddress',
        tags,
        summary: 'Delete an address',
        params: AddressParams,
        response: { 204: NoContent, ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      await book.remove(userId(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
