/**
 * POST /api/v1/auth/login through the gateway with the right password: dominated by argon2id
 * (OWASP parameters), on purpose, so expect a low rate; the ratio shows what the rest costs.
 */
import type { Stack } from '@shop/launcher';
import type { BenchRequest } from '../scenario.js';
import { registerCustomer } from './users-support.js';

export const name = 'users-login';
export const baseline = 'forwarder-pk-read';

export async function setup(stack: Stack): Promise<{ requests: BenchRequest[]; connections: number }> {
  const { email, password } = await registerCustomer(stack);
  return {
    // More connections than cores only queue behind the hashing.
    connections: 8,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      },
    ],
  };
}
