/**
 * POST /api/v1/auth/login through the gateway with the right password: dominated by argon2id
 * (OWASP parameters), on purpose, so expect a low rate; the ratio shows what the rest costs.
 * The users service counts attempts per account and per address before checking the password,
 * so the logins rotate over many accounts (one in flight per account): this measures logging
 * in, not the throttle. All come from one address, which stays far below its budget.
 */
import type { Stack } from '@shop/launcher';
import { jsonBody } from '../api.js';
import type { BenchRequest } from '../scenario.js';
import { registerCustomer } from './users-support.js';

export const name = 'users-login';
export const baseline = 'forwarder-pk-read';
// More connections than cores only queue behind the hashing.
export const connections = 8;

export async function setup(stack: Stack): Promise<{ requests: BenchRequest[] }> {
  const accounts: { email: string; password: string }[] = [];
  for (let i = 0; i < 4 * connections; i++) accounts.push(await registerCustomer(stack));
  const body = ({ email, password }: { email: string; password: string }) =>
    jsonBody('/api/v1/auth/login', 'post', { email, password });
  let next = 0;
  return {
    requests: [
      {
        method: 'POST',
        path: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        body: body(accounts[0]!),
        setupRequest: (request) => ({ ...request, body: body(accounts[next++ % accounts.length]!) }),
      },
    ],
  };
}
