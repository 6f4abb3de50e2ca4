import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientKey } from '../src/http/client-key.js';

describe('clientKey', () => {
  it('counts an IPv6 client by its /64 network and an IPv4-mapped one by its IPv4 address', () => {
    assert.equal(clientKey('203.0.113.7'), '203.0.113.7');
    assert.equal(clientKey('::ffff:203.0.113.7'), '203.0.113.7');
    assert.equal(clientKey('2001:db8:aa:bb:1:2:3:4'), '2001:db8:aa:bb::/64');
    assert.equal(clientKey('2001:DB8:AA:BB::9'), '2001:db8:aa:bb::/64');
    assert.equal(clientKey('2001:0db8:00aa:0000::1%eth0'), '2001:db8:aa:0::/64');
    assert.equal(clientKey('2001:db8::1'), '2001:db8:0:0::/64');
    assert.equal(clientKey('::1'), '0:0:0:0::/64');
  });
});
