import { clientCredentialsToken, ServiceClient, type Log } from '@shop/platform';
import type { Config } from '../config.js';
import { ProductsClient } from './products-client.js';
import { StripePayments } from './stripe-payments.js';
import { UsersClient } from './users-client.js';

/** What orders calls: products and users (a client-credentials token for each), and the payment gateway. */
export function connectNeighbours(config: Config, log: Log) {
  const client = (service: string, baseUrl: string) =>
    new ServiceClient({
      service,
      baseUrl,
      log,
      timeoutMs: config.SERVICE_CALL_TIMEOUT_MS,
      token: clientCredentialsToken({
        tokenUrl: config.TOKEN_URL,
        clientId: config.SERVICE_CLIENT_ID,
        clientSecret: config.SERVICE_CLIENT_SECRET,
        audience: service,
      }),
    });
  const productsHttp = client('products', config.PRODUCTS_URL);
  const usersHttp = client('users', config.USERS_URL);
  return {
    products: new ProductsClient(productsHttp),
    addresses: new UsersClient(usersHttp),
    payments: new StripePayments({
      secretKey: config.STRIPE_SECRET_KEY,
      apiUrl: config.STRIPE_API_URL,
      webhookSecret: config.STRIPE_WEBHOOK_SECRET,
      timeoutMs: config.STRIPE_TIMEOUT_MS,
      returnUrl: config.PAYMENT_RETURN_URL,
    }),
    async close() {
      await Promise.allSettled([productsHttp.close(), usersHttp.close()]);
    },
  };
}
