import type { App } from '@shop/platform';
import { getAddress } from '../domain/addresses.js';
import { issueServiceToken } from '../domain/service-clients.js';
import { getUser } from '../domain/user-administration.js';
import { Address } from './addresses.schemas.js';
import { Bearer, responses } from './common.schemas.js';
import type { RouteContext } from './context.js';
import {
  InternalAddressParams,
  InternalUser,
  InternalUserParams,
  TokenRequest,
  TokenResponse,
} from './internal.schemas.js';
import { addressView } from './views.js';

const tags = ['internal'];

/** For the other services only (never routed by the gateway). */
export function internalRoutes({ app, deps, auth }: RouteContext) {
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
          tags,
          summary: 'Client-credentials token for service-to-service calls',
          description:
            'Audience shop-internal:<audience> (the one service that accepts it), role service. Clients and secrets come from SERVICE_CLIENTS.',
          body: TokenRequest,
          response: responses({ 200: TokenResponse }),
        },
      },
      async (request, reply) => {
        const { token, expiresIn } = await issueServiceToken(deps, {
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
        tags,
        summary: 'An account, as other services need it',
        security: Bearer,
        params: InternalUserParams,
        response: responses({ 200: InternalUser }),
      },
    },
    async (request) => {
      const user = await getUser(deps, request.params.id);
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
        tags,
        summary: "One of a user's addresses (404 when it is not theirs)",
        security: Bearer,
        params: InternalAddressParams,
        response: responses({ 200: Address }),
      },
    },
    async (request) => addressView(await getAddress(deps, request.params.id, request.params.addressId)),
  );
}
