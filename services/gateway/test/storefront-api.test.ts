import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

interface Storage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}
interface Api {
  session: { get(): { accessToken: string; refreshToken: string } | null; set(tokens: unknown): void };
  get(path: string): Promise<unknown>;
  post(path: string, body?: unknown): Promise<unknown>;
}
interface ApiModule {
  createApi(options: { fetch: typeof fetch; storage: Storage; onSignedOut?: () => void }): Api;
  readEvents(stream: ReadableStream<Uint8Array>, onEvent: (event: unknown) => void): Promise<boolean>;
  ApiError: new (...args: never[]) => Error;
  urlOf(path: string, options?: { params?: Record<string, string | number>; query?: object }): string;
}

// The storefront's own API client, as the browser runs it (a plain ES module).
const { createApi, readEvents, ApiError, urlOf } = (await import(
  new URL('../public/js/api.js', import.meta.url).href
)) as ApiModule;

function memoryStorage(): Storage {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

describe('storefront API client', () => {
  it('refreshes an expired access token once for concurrent calls, then retries them', async () => {
    const calls: string[] = [];
    const fake = (async (path: string, init: RequestInit) => {
      const auth = new Headers(init.headers).get('authorization');
      calls.push(`${init.method} ${path} ${auth ?? '-'}`);
      if (path === '/api/v1/auth/refresh') {
        assert.deepEqual(JSON.parse(String(init.body)), { refreshToken: 'r1' });
        return json(200, { accessToken: 'a2', refreshToken: 'r2', tokenType: 'Bearer', expiresIn: 900 });
      }
      return auth === 'Bearer a2' ? json(200, { ok: path }) : json(401, { code: 'unauthenticated' });
    }) as typeof fetch;
    const api = createApi({ fetch: fake, storage: memoryStorage() });
    api.session.set({ accessToken: 'a1', refreshToken: 'r1' });

    const answers = await Promise.all([api.get('/api/v1/cart'), api.get('/api/v1/users/me')]);
    assert.deepEqual(answers, [{ ok: '/api/v1/cart' }, { ok: '/api/v1/users/me' }]);
    assert.equal(calls.filter((call) => call.includes('/auth/refresh')).length, 1, 'one refresh');
    assert.equal(
      calls.find((call) => call.includes('/auth/refresh')),
      'POST /api/v1/auth/refresh -',
      'the refresh itself carries no access token',
    );
    assert.deepEqual(api.session.get(), {
      accessToken: 'a2',
      refreshToken: 'r2',
      tokenType: 'Bearer',
      expiresIn: 900,
    });
  });

  it('signs out when the refresh token is refused, and reports the 401', async () => {
    let signedOut = 0;
    const fake = (async (path: string) =>
      path === '/api/v1/auth/refresh'
        ? json(401, { code: 'invalid_refresh_token' }, 'application/problem+json')
        : json(
            401,
            { code: 'unauthenticated', detail: 'expired' },
            'application/problem+json',
          )) as typeof fetch;
    const api = createApi({ fetch: fake, storage: memoryStorage(), onSignedOut: () => signedOut++ });
    api.session.set({ accessToken: 'a1', refreshToken: 'spent' });
    await assert.rejects(api.get('/api/v1/cart'), (error: Error & { status?: number; code?: string }) => {
      assert.ok(error instanceof ApiError);
      assert.equal(error.status, 401);
      assert.equal(error.code, 'unauthenticated');
      return true;
    });
    assert.equal(api.session.get(), null);
    assert.equal(signedOut, 1);
  });

  it('turns problem documents into errors carrying their code and field errors', async () => {
    const fake = (async () =>
      json(
        400,
        { code: 'validation_failed', errors: [{ field: 'body.email', message: 'is required' }] },
        'application/problem+json',
      )) as typeof fetch;
    const api = createApi({ fetch: fake, storage: memoryStorage() });
    await assert.rejects(api.post('/api/v1/auth/register', {}), (error: Error & Record<string, unknown>) => {
      assert.equal(error.status, 400);
      assert.equal(error.code, 'validation_failed');
      assert.deepEqual(error.errors, [{ field: 'body.email', message: 'is required' }]);
      return true;
    });
  });

  it('fills a path of the API document with its encoded parameters, and appends the query', () => {
    assert.equal(
      urlOf('/api/v1/products/{id}', { params: { id: 'tea & co' } }),
      '/api/v1/products/tea%20%26%20co',
    );
    assert.equal(
      urlOf('/api/v1/products', {
        query: { brand: ['A', 'B'], inStock: true, limit: 24, cursor: undefined },
      }),
      '/api/v1/products?brand=A&brand=B&inStock=true&limit=24',
    );
    assert.equal(
      urlOf('/api/v1/products', {
        query: new URLSearchParams([
          ['q', 'x'],
          ['brand', 'A'],
          ['brand', 'B'],
        ]),
      }),
      '/api/v1/products?q=x&brand=A&brand=B',
      'URLSearchParams go as they are, repeated names included',
    );
    assert.equal(urlOf('/api/v1/cart', { query: {} }), '/api/v1/cart');
    assert.throws(() => urlOf('/api/v1/orders/{id}', {}), /needs its id/);
  });

  it('reads Server-Sent Events split anywhere, skipping heartbeats', async () => {
    const text =
      ': heartbeat\n\nevent: status\nid: 41\ndata: {"status":"paid"}\n\r\nevent: status\nid: 42\ndata: {"a":\ndata: 1}\n\n';
    const bytes = new TextEncoder().encode(text);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7));
        controller.close();
      },
    });
    const events: unknown[] = [];
    assert.equal(await readEvents(stream, (event) => events.push(event)), true, 'ended by the server');
    assert.deepEqual(events, [
      { event: 'status', id: '41', data: '{"status":"paid"}' },
      { event: 'status', id: '42', data: '{"a":\n1}' },
    ]);
  });
});
