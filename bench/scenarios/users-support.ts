import { randomUUID } from 'node:crypto';
import type { Stack } from '@shop/launcher';
import { call } from '../api.js';

/** A fresh customer, registered and logged in through the gateway. */
export async function registerCustomer(stack: Stack) {
  const email = `bench-${randomUUID()}@shop.test`;
  const password = 'bench passphrase long enough 7';
  const registered = await call(stack, 'post', '/api/v1/auth/register', {
    body: { email, password, name: 'Bench Customer' },
  });
  if (registered.status !== 202) throw new Error(`register answered ${registered.status}`);
  const login = await call(stack, 'post', '/api/v1/auth/login', { body: { email, password } });
  if (login.status !== 200) throw new Error(`login answered ${login.status}`);
  const { accessToken } = login.body;
  return { email, password, accessToken };
}
