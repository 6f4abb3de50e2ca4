import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { spawnChildService } from '@shop/platform';
import { createTestDatabase } from '@shop/platform/testing';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * The users service's signing key, fixed before it starts: the products service needs the
 * public half (its JWKS_URL) before users has a URL. Give `usersEnv` to the user service;
 * its tokens then verify at products.
 */
export async function sharedSigningKey(): Promise<{
  usersEnv: { JWT_SIGNING_KEYS: string };
  jwksUrl: string;
  close(): Promise<void>;
}> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const kid = `test-${randomUUID().slice(0, 8)}`;
  const jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'EdDSA', use: 'sig' }] };
  const server: Server = createServer((_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    usersEnv: { JWT_SIGNING_KEYS: JSON.stringify([{ ...privateKey.export({ format: 'jwk' }), kid }]) },
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface ProductsService {
  url: string;
  /** Graceful stop, then its database is dropped (once, however often called). */
  stop(): Promise<void>;
}

/**
 * The real products service as its own process (`services/products/src/main.ts` under tsx, as
 * the launcher starts it), on a fresh database, publishing to `busUrl`. Services never import
 * each other: this one is reached over HTTP and the bus only.
 */
export async function startProductsService(options: {
  busUrl: string;
  jwksUrl: string;
  timeoutMs?: number;
}): Promise<ProductsService> {
  const database = await createTestDatabase('users_products');
  const products = spawnChildService({
    name: 'products',
    entry: 'services/products/src/main.ts',
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: process.env.TEST_LOG ?? 'warn',
      DATABASE_URL: database.url,
      BUS_URL: options.busUrl,
      OUTBOX_SWEEP_MS: '200',
      JWKS_URL: options.jwksUrl,
    },
    stdout: process.env.TEST_LOG ? 'inherit' : 'pipe', // piped: a failed start quotes its last lines
    stderr: 'inherit',
    readyTimeoutMs: options.timeoutMs ?? 90_000,
  });
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= (async () => {
      await products.stop();
      await database.drop();
    })());
  try {
    return { url: await products.ready, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface CreatedProduct {
  id: string;
  name: string;
  categoryId: string;
  brand: string;
  price: number;
}

/** What a test does as an admin through products' public API. */
export class ProductsAdmin {
  constructor(
    private readonly url: string,
    private readonly adminToken: () => string,
  ) {}

  async category(name: string): Promise<string> {
    return (
      await this.call('POST', '/api/v1/categories', { name: `${name} ${randomUUID().slice(0, 6)}` }, 201)
    ).id;
  }

  async product(input: {
    name: string;
    categoryId: string;
    brand?: string;
    price?: number;
    stock?: number;
  }): Promise<CreatedProduct> {
    const created = await this.call(
      'POST',
      '/api/v1/products',
      {
        sku: `SKU-${randomUUID().slice(0, 12)}`,
        name: input.name,
        description: `${input.name}, for the users tests`,
        price: input.price ?? 1000,
        currency: 'EUR',
        categoryId: input.categoryId,
        brand: input.brand ?? 'Acme',
        status: 'active',
      },
      201,
    );
    if (input.stock !== undefined) await this.setStock(created.id, input.stock);
    return {
      id: created.id,
      name: input.name,
      categoryId: input.categoryId,
      brand: created.brand,
      price: created.price,
    };
  }

  async setStock(productId: string, onHand: number): Promise<void> {
    await this.call('PUT', `/api/v1/products/${productId}/inventory`, { onHand }, 200);
  }

  /** Archived: no longer sold (products emits product.deleted.v1). */
  async archive(productId: string): Promise<void> {
    await this.call('DELETE', `/api/v1/products/${productId}`, undefined, 204);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read loosely in tests
  private async call(method: string, path: string, body: unknown, expected: number): Promise<any> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.adminToken()}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status !== expected) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  }
}
