import { buildApp, type GatewayApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { startFakeUpstream, type FakeUpstream } from './fake-upstream.js';

export interface GatewayUnderTest {
  url: string;
  gateway: GatewayApp;
  users: FakeUpstream;
  products: FakeUpstream;
  orders: FakeUpstream;
  close(): Promise<void>;
}

/** The real gateway, listening on a free port, in front of three fake services. */
export async function startGateway(
  env: Record<string, string> = {},
  openapi: { users?: object; products?: object; orders?: object } = {},
): Promise<GatewayUnderTest> {
  const [users, products, orders] = await Promise.all([
    startFakeUpstream('users', openapi.users),
    startFakeUpstream('products', openapi.products),
    startFakeUpstream('orders', openapi.orders),
  ]);
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    PORT: '0',
    USERS_URL: users.url,
    PRODUCTS_URL: products.url,
    ORDERS_URL: orders.url,
    ...env,
  });
  const gateway = await buildApp(config);
  const url = await gateway.app.listen({ host: '127.0.0.1', port: 0 });
  await gateway.start();
  return {
    url,
    gateway,
    users,
    products,
    orders,
    async close() {
      await gateway.app.close();
      await gateway.stop();
      await Promise.all([users.close(), products.close(), orders.close()]);
    },
  };
}
