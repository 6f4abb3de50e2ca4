/**
 * The gateway is the public entry, so its /metrics (request counts and latencies per route) answers
 * only addresses in METRICS_ALLOWED_FROM (by default loopback and private ranges: the cluster's
 * Prometheus), judged on the client address after TRUSTED_PROXIES.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfigError } from '@shop/platform';
import { request } from 'undici';
import { loadConfig } from '../src/config.js';
import { startGateway, type GatewayUnderTest } from './support/gateway-under-test.js';

describe('who may read the gateway’s /metrics', () => {
  let gw: GatewayUnderTest;
  before(async () => {
    gw = await startGateway({ TRUSTED_PROXIES: '127.0.0.1' });
  });
  after(() => gw.close());

  const metricsFrom = async (client?: string) => {
    const response = await request(`${gw.url}/metrics`, {
      headers: client ? { 'x-forwarded-for': client } : {},
    });
    return {
      status: response.statusCode,
      type: response.headers['content-type'],
      text: await response.body.text(),
    };
  };

  it('answers the cluster: loopback and private addresses', async () => {
    for (const client of [undefined, '10.1.2.3', '192.168.0.7', 'fd00::5']) {
      const answer = await metricsFrom(client);
      assert.equal(answer.status, 200, `from ${client ?? 'loopback'}`);
      assert.match(answer.text, /http_request_duration_seconds/);
    }
  });

  it('is not found from the internet, even through a trusted proxy', async () => {
    for (const client of ['203.0.113.9', '2001:db8::1']) {
      const answer = await metricsFrom(client);
      assert.equal(answer.status, 404, `from ${client}`);
      assert.match(String(answer.type), /^application\/problem\+json/);
      assert.doesNotMatch(answer.text, /http_request/);
    }
  });

  it('a narrower list refuses the rest, loopback included', async () => {
    const narrow = await startGateway({ METRICS_ALLOWED_FROM: '10.0.0.0/8' });
    try {
      const response = await request(`${narrow.url}/metrics`);
      await response.body.dump();
      assert.equal(response.statusCode, 404);
    } finally {
      await narrow.close();
    }
  });

  it('an entry that is not an address or CIDR stops the start', () => {
    assert.throws(
      () =>
        loadConfig({
          USERS_URL: 'http://127.0.0.1:1',
          PRODUCTS_URL: 'http://127.0.0.1:2',
          ORDERS_URL: 'http://127.0.0.1:3',
          METRICS_ALLOWED_FROM: 'uniquelocal, prometheus.monitoring',
        }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /METRICS_ALLOWED_FROM has "prometheus\.monitoring"/);
        return true;
      },
    );
  });
});
