import {
  InternalAddress,
  InternalAddressParams,
  InternalUser,
  InternalUserParams,
  ServiceTokenRequest,
  ServiceTokenResponse,
} from '@shop/contracts/internal';
import { problems, type App } from '@shop/platform';
import type { AddressBook } from '../domain/address-book.js';
import type { ServiceClients } from '../domain/service-clients.js';
import type { UserAdministration } from '../domain/user-administration.js';
import { addressView } from './addresses.views.js';
import type { AuthHooks } from './auth-hooks.js';

const tags = ['internal'];

export interface InternalRoutesDeps {
  auth: AuthHooks;
  serviceClients: ServiceClients;
  administration: UserAdministration;
  book: AddressBook;
}

/** For the other services only (never routed by the gateway); schemas from @shop/contracts/internal. */
export function registerInternalRoutes(app: App, deps: InternalRoutesDeps): void {
  const { auth, serviceClients, administration, book } = deps;
  app.register(async (scope: App) => {
    // OAuth2 clients send form bodies (RFC 6749 §4.4); JSON is accepted too.
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4096 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    scope.post(
      '/internal/oauth/token',
      {
        schema: {
          operationId: 'issueServiceToken',
          tags,
          summary: 'Client-credentials token for service-to-service calls',
          description:
            'Audience shop-internal:<audience> (the one service that accepts it), role service. Clients and secrets come from SERVICE_CLIENTS.',
          body: ServiceTokenRequest,
          response: { 200: ServiceTokenResponse, ...problems(400, 401) },
        },
      },
      async (request, reply) => {
        const { token, expiresIn } = await serviceClients.issueToken({
          clientId: request.body.client_id,
          clientSecret: request.body.client_secret,
          audience: request.body.audience,
        });
        reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
        return { access_token: token, token_type: 'Bearer' as const, expires_in: expiresIn };
      },
    );
  });

  app.get(
    '/internal/users/:id',
    {
      onRequest: auth.service,
      schema: {
        operationId: 'getInternalUser',
        tags,
        summary: 'An account, as other services need it',
        params: InternalUserParams,
        response: { 200: InternalUser, ...problems(400, 401, 404) },
      },
    },
    async (request): Promise<InternalUser> => {
      const user = await administration.get(request.params.id);
      return {
        id: user.id,
        email: user.email,
        name: user.name,
        status: user.status,
        emailVerified: user.emailVerified,
      };
    },
  );

  app.get(
    '/internal/users/:id/addresses/:addressId',
    {
      onRequest: auth.service,
      schema: {
        operationId: 'getInternalUserAddress',
        tags,
        summary: "One of a user's addresses (404 when it is not theirs)",
        params: InternalAddressParams,
        response: { 200: InternalAddress, ...problems(400, 401, 404) },
      },
    },
    async (request): Promise<InternalAddress> =>
      addressView(await book.get(request.params.id, request.params.addressId)),
  );
}
