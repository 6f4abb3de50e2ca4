import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { request } from 'undici';
import { startGateway, type GatewayUnderTest } from './support/gateway-under-test.js';

describe('storefront: served by the gateway', () => {
  let gw: GatewayUnderTest;
  before(async () => {
    gw = await startGateway();
  });
  after(() => gw.close());

  it('serves the page with its security headers and no inline script, so a strict CSP holds', async () => {
    const response = await request(`${gw.url}/`);
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/html/);
    assert.match(String(response.headers['content-security-policy']), /script-src 'self'(;|$)/);
    assert.match(String(response.headers['content-security-policy']), /script-src-attr 'none'/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.headers['x-frame-options'], 'SAMEORIGIN');
    const html = await response.body.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.deepEqual(
      scripts.map(([, attributes]) => attributes!.trim()),
      ['type="module" src="/js/app.js"'],
    );
    assert.equal(scripts[0]![2], '', 'the script tag has no body');
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handlers');
  });

  it('serves every module the page loads as JavaScript, and the stylesheet as CSS', async () => {
    const seen = new Set<string>();
    const queue = ['/js/app.js'];
    while (queue.length > 0) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const response = await request(`${gw.url}${path}`);
      assert.equal(response.statusCode, 200, path);
      assert.match(String(response.headers['content-type']), /^(text|application)\/javascript/, path);
      const source = await response.body.text();
      for (const [, specifier] of source.matchAll(/\bfrom\s+'([^']+)'/g)) {
        assert.match(specifier!, /^\.\.?\//, `${path} imports only its own files`);
        queue.push(new URL(specifier!, `http://x${path}`).pathname);
      }
    }
    assert.ok(seen.size >= 10, `the app and its views (${[...seen].join(', ')})`);

    const css = await request(`${gw.url}/styles.css`);
    await css.body.dump();
    assert.equal(css.statusCode, 200);
    assert.match(String(css.headers['content-type']), /^text\/css/);
  });

  for (const path of [
    '/verify-email?token=abc',
    '/reset-password?token=abc',
    '/orders/return?payment_intent=pi_1&redirect_status=succeeded',
  ]) {
    it(`serves the page where mails and 3-D Secure send shoppers back: ${path}`, async () => {
      const response = await request(`${gw.url}${path}`);
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-type']), /^text\/html/);
      assert.match(await response.body.text(), /src="\/js\/app.js"/);
    });
  }
});
