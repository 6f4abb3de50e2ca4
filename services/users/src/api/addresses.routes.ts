import { decodeCursor, encodeCursor } from '@shop/platform';
import { addAddress, deleteAddress, getAddress, listAddresses, updateAddress } from '../domain/addresses.js';
import {
  Address,
  AddressBody,
  AddressPage,
  AddressParams,
  AddressPatch,
  ListQuery,
} from './addresses.schemas.js';
import { userId } from './auth-hooks.js';
import { Bearer, CreatedKey, NoContent, responses } from './common.schemas.js';
import type { RouteContext } from './context.js';
import { addressView } from './views.js';

const tags = ['addresses'];

/** Only ever the signed-in user's addresses: another user's id answers 404, like an unknown one. */
export function addressRoutes({ app, deps, auth }: RouteContext) {
  app.get(
    '/api/v1/users/me/addresses',
    {
      onRequest: auth.user,
      schema: {
        tags,
        summary: 'Your addresses, oldest first',
        security: Bearer,
        querystring: ListQuery,
        response: responses({ 200: AddressPage }),
      },
    },
    async (request) => {
      const after = decodeCursor(request.query.cursor, CreatedKey);
      const page = await listAddresses(deps, userId(request), { after, limit: request.query.limit });
      return { items: page.items.map(addressView), nextCursor: page.next ? encodeCursor(page.next) : null };
    },
  );

  app.post(
    '/api/v1/users/me/addresses',
    {
      onRequest: auth.user,
      schema: {
        tags,
        summary: 'Add an address',
        description: 'The first address becomes the default.',
        security: Bearer,
        body: AddressBody,
        response: responses({ 201: Address }),
      },
    },
    async (request, reply) => {
      const address = await addAddress(deps, userId(request), request.body);
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
        tags,
        summary: 'One of your addresses',
        security: Bearer,
        params: AddressParams,
        response: responses({ 200: Address }),
      },
    },
    async (request) => addressView(await getAddress(deps, userId(request), request.params.id)),
  );

  app.patch(
    '/api/v1/users/me/addresses/:id',
    {
      onRequest: auth.user,
      schema: {
        tags,
        summary: 'Change an address',
        description: 'Optional fields can be cleared with null.',
        security: Bearer,
        params: AddressParams,
        body: AddressPatch,
        response: responses({ 200: Address }),
      },
    },
    async (request) =>
      addressView(await updateAddress(deps, userId(request), request.params.id, request.body)),
  );

  app.delete(
    '/api/v1/users/me/addresses/:id',
    {
      onRequest: auth.user,
      schema: {
        tags,
        summary: 'Delete an address',
        security: Bearer,
        params: AddressParams,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await deleteAddress(deps, userId(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
