import { randomUUID } from 'node:crypto';
import type { Stack } from '@shop/launcher';

/** A fresh customer, registered and logged in through the gateway. */
export async function registerCustomer(stack: Stack) {
  const email = `bench-${randomUUID()}@shop.test`;
  const password = 'bench passphrase long enough 7';
  const post = (path: string, body: unknown) =>
    fetch(`${stack.gatewayUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const registered = await post('/api/v1/auth/register', { email, password, name: 'Bench Customer' });
  if (registered.status !== 202) throw new Error(`register answered ${registered.status}`);
  const login = await post('/api/v1/auth/login', { email, password });
  if (login.status !== 200) throw new Error(`login answered ${login.status}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  return { email, password, accessToken };
}
