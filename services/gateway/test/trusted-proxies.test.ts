/**
 * TRUSTED_PROXIES is a comma-separated list of addresses and CIDRs: a chain of proxies inside
 * those ranges is walked back to the first address outside them, which is the client.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfigError } from '@shop/platform';
import { request } from 'undici';
import { loadConfig } from '../src/config.js';
import { startGateway, type GatewayUnderTest } from './support/gateway-under-test.js';

describe('trusted proxies as a list of CIDRs', () => {
  let gw: GatewayUnderTest;
  before(async () => {
    gw = await startGateway({ TRUSTED_PROXIES: ' 10.0.0.0/8 , 127.0.0.0/8', RATE_LIMIT_PER_MINUTE: '2' });
  });
  after(() => gw.close());

  it('walks a chain of trusted proxies back to the client, who is then counted', async () => {
    const via = (client: string) => ({
      headers: { 'x-forwarded-for': `203.0.113.50, ${client}, 10.1.2.3, 10.200.0.9` },
    });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await request(`${gw.url}/api/v1/users/me`, via('198.51.100.7'));
      await response.body.dump();
      statuses.push(response.statusCode);
    }
    assert.deepEqual(statuses, [200, 200, 429], 'the client behind the proxies has its own budget');
    const seen = gw.users.seen.at(-1)!.headers;
    // Only the client goes on: a service trusting just the gateway must not take a proxy for it.
    assert.equal(seen['x-forwarded-for'], '198.51.100.7');

    const other = await request(`${gw.url}/api/v1/users/me`, via('198.51.100.8'));
    await other.body.dump();
    assert.equal(other.statusCode, 200, 'another client behind the same proxies is not limited');
  });
});

describe('TRUSTED_PROXIES that cannot be read', () => {
  it('stop the start with an error naming each bad entry', () => {
    const base = {
      USERS_URL: 'http://127.0.0.1:1',
      PRODUCTS_URL: 'http://127.0.0.1:2',
      ORDERS_URL: 'http://127.0.0.1:3',
    };
    assert.throws(
      () => loadConfig({ ...base, TRUSTED_PROXIES: '10.0.0.0/8, proxy.internal, 10.0.0.0/33' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /"proxy\.internal", which is not an address or CIDR/);
        assert.match(error.message, /"10\.0\.0\.0\/33", which is not an address or CIDR/);
        assert.doesNotMatch(error.message, /"10\.0\.0\.0\/8"/);
        return true;
      },
    );
  });
});
