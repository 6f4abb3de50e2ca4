import type { App } from '@shop/platform';
import { Type } from 'typebox';
import type { KeyRing } from '../keys/key-ring.js';

const Jwk = Type.Object(
  {
    kty: Type.String(),
    crv: Type.String(),
    x: Type.String(),
    kid: Type.String(),
    alg: Type.String(),
    use: Type.String(),
  },
  { additionalProperties: false },
);

export interface KeyRoutesDeps {
  keys: KeyRing;
}

export function registerKeyRoutes(app: App, { keys }: KeyRoutesDeps): void {
  app.get(
    '/.well-known/jwks.json',
    {
      schema: {
        operationId: 'getSigningKeys',
        tags: ['auth'],
        summary: 'Public keys that verify access tokens (JWKS)',
        description:
          'Includes the signing key, the next one (published ahead of its turn) and retired keys whose tokens may still be valid.',
        response: { 200: Type.Object({ keys: Type.Array(Jwk) }, { additionalProperties: false }) },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return keys.jwks();
    },
  );
}
