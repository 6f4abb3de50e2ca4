/** GET /api/v1/users/me through the gateway: token verification plus one primary-key read. */
import type { Stack } from '@shop/launcher';
import { benchRequest } from '../api.js';
import type { BenchRequest } from '../scenario.js';
import { registerCustomer } from './users-support.js';

export const name = 'users-me';
export const baseline = 'forwarder-pk-read';

export async function setup(stack: Stack): Promise<{ requests: BenchRequest[] }> {
  const { accessToken } = await registerCustomer(stack);
  return {
    requests: [
      benchRequest('get', '/api/v1/users/me', { headers: { authorization: `Bearer ${accessToken}` } }),
    ],
  };
}
