// @ts-check
/**
 * The storefront's client of the public API: JSON in and out, problem documents as ApiError,
 * the access token on every call and one refresh (shared by concurrent calls) when it expired.
 * Tokens live in sessionStorage: they end with the tab and never reach a cookie.
 *
 * Calls name the operation by its path in the public API document, with its path parameters apart
 * (`api.get('/api/v1/orders/{id}', { params: { id } })`): what they send and what they answer are
 * the types generated from that document (@shop/contracts/public-api, types only: the browser never
 * loads it), so a field renamed in a route schema fails the storefront's type check.
 */

/**
 * @typedef {import('@shop/contracts/public-api').paths} Paths
 * @typedef {import('@shop/contracts/public-api').Problem} Problem
 * @typedef {'get' | 'post' | 'put' | 'patch' | 'delete'} Method
 */
/**
 * The document's paths that have a `M` operation.
 * @template {Method} M
 * @typedef {{ [P in keyof Paths]: M extends MethodOf<P> ? P : never }[keyof Paths]} PathOf
 */
/**
 * @template {keyof Paths} P
 * @typedef {import('@shop/contracts/public-api').MethodOf<P>} MethodOf
 */
/**
 * `M` as an operation of `P` (what PathOf<M> guarantees, said so the helpers below accept it).
 * @template {keyof Paths} P
 * @template {Method} M
 * @typedef {Extract<M, MethodOf<P>>} On
 */
/**
 * The operation `M` of path `P`.
 * @template {keyof Paths} P
 * @template {Method} M
 * @typedef {NonNullable<Paths[P][M]>} Operation
 */
/**
 * What a call that succeeded answers: the JSON body of its 2xx, undefined for a 204.
 * @template {keyof Paths} P
 * @template {Method} M
 * @typedef {Operation<P, M> extends { responses: infer R } ? SuccessOf<R> : never} Answer
 */
/**
 * @template R
 * @typedef {{ [S in keyof R & (200 | 201 | 202)]: R[S] extends { content: { 'application/json': infer B } } ? B : never }[keyof R & (200 | 201 | 202)]
 *   | (204 extends keyof R ? undefined : never)} SuccessOf
 */
/**
 * What a call sends as its JSON body (undefined when the operation takes none).
 * @template {keyof Paths} P
 * @template {Method} M
 * @typedef {[import('@shop/contracts/public-api').BodyOf<P, On<P, M>>] extends [never] ? undefined : import('@shop/contracts/public-api').BodyOf<P, On<P, M>>} Body
 */
/**
 * A call's options: its path parameters (required when the path has some), its query (the
 * document's, or URLSearchParams passed on as they are), more headers, and `auth: false` for the
 * calls that must not carry the access token.
 * @template {keyof Paths} P
 * @template {Method} M
 * @typedef {{
 *   query?: ([import('@shop/contracts/public-api').QueryOf<P, On<P, M>>] extends [never] ? never : import('@shop/contracts/public-api').QueryOf<P, On<P, M>>) | URLSearchParams;
 *   headers?: Record<string, string>;
 *   auth?: boolean;
 * } & ([import('@shop/contracts/public-api').PathParamsOf<P, On<P, M>>] extends [never]
 *   ? { params?: undefined }
 *   : { params: import('@shop/contracts/public-api').PathParamsOf<P, On<P, M>> })} Options
 */
/**
 * The options argument: optional unless the path has parameters.
 * @template {keyof Paths} P
 * @template {Method} M
 * @typedef {[import('@shop/contracts/public-api').PathParamsOf<P, On<P, M>>] extends [never] ? [options?: Options<P, M>] : [options: Options<P, M>]} OptionsArg
 */
/** @typedef {Answer<'/api/v1/auth/login', 'post'>} Tokens */
/** @typedef {{ event: string, id: string | undefined, data: string }} StreamEvent */
/**
 * The storefront's API client (createApi).
 * @typedef {object} Api
 * @property {{ get(): Tokens | null, set(tokens: Tokens): void, clear(): void }} session
 * @property {() => boolean} signedIn
 * @property {<P extends PathOf<'get'>>(path: P, ...options: OptionsArg<P, 'get'>) => Promise<Answer<P, 'get'>>} get
 * @property {<P extends PathOf<'post'>>(path: P, body: Body<P, 'post'>, ...options: OptionsArg<P, 'post'>) => Promise<Answer<P, 'post'>>} post
 * @property {<P extends PathOf<'put'>>(path: P, body: Body<P, 'put'>, ...options: OptionsArg<P, 'put'>) => Promise<Answer<P, 'put'>>} put
 * @property {<P extends PathOf<'patch'>>(path: P, body: Body<P, 'patch'>, ...options: OptionsArg<P, 'patch'>) => Promise<Answer<P, 'patch'>>} patch
 * @property {<P extends PathOf<'delete'>>(path: P, ...options: OptionsArg<P, 'delete'>) => Promise<Answer<P, 'delete'>>} delete
 * @property {(email: string, password: string) => Promise<void>} login
 * @property {() => Promise<void>} logout
 * @property {<P extends PathOf<'get'>>(path: P, params: Options<P, 'get'>['params'], onEvent: (event: StreamEvent) => void, signal: AbortSignal) => Promise<void>} follow
 */
/**
 * What `send` and `call` take (the typed methods above narrow it per operation).
 * @typedef {{ body?: unknown, params?: Record<string, string | number>, query?: object, headers?: Record<string, string>, auth?: boolean }} Request
 */

/**
 * A problem document (RFC 9457) answered by the API, with its HTTP status; the error carries the
 * document's fields (see ApiProblem).
 */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {Partial<Problem>} [problem]
   */
  constructor(status, problem = {}) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    Object.assign(this, problem);
    this.status = status;
  }
}
/** @typedef {ApiError & Partial<Problem>} ApiProblem an ApiError with its problem's code, detail, errors… */

const SESSION_KEY = 'shop.session';

/**
 * `path` with its `{parameters}` filled in, then the query.
 * @param {string} path
 * @param {Request} [options]
 */
export function urlOf(path, { params, query } = {}) {
  const filled = path.replace(/\{(\w+)\}/g, (_, name) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`${path} needs its ${name}`);
    return encodeURIComponent(value);
  });
  if (query === undefined) return filled;
  const search = new URLSearchParams();
  const entries = query instanceof URLSearchParams ? [...query] : Object.entries(query);
  for (const [name, value] of entries) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) search.append(name, String(one));
  }
  const text = search.toString();
  return text ? `${filled}?${text}` : filled;
}

/**
 * @param {{ fetch?: typeof globalThis.fetch, storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>, onSignedOut?: () => void }} [options]
 * @returns {Api}
 */
export function createApi({
  fetch = globalThis.fetch.bind(globalThis),
  storage = globalThis.sessionStorage,
  onSignedOut = () => {},
} = {}) {
  /** @type {Promise<boolean> | undefined} */
  let refreshing;

  const session = {
    /** @returns {Tokens | null} */
    get: () => JSON.parse(storage.getItem(SESSION_KEY) ?? 'null'),
    /** @param {Tokens} tokens */
    set: (tokens) => storage.setItem(SESSION_KEY, JSON.stringify(tokens)),
    clear: () => storage.removeItem(SESSION_KEY),
  };

  /**
   * @param {string} method
   * @param {string} path
   * @param {Request} [options]
   */
  async function send(method, path, { body, headers = {}, auth = true, params, query } = {}) {
    const tokens = auth ? session.get() : null;
    return fetch(urlOf(path, { params, query }), {
      method,
      headers: {
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(tokens ? { authorization: `Bearer ${tokens.accessToken}` } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  /** Trades the refresh token for a new pair once, however many calls found the token expired. */
  function refresh() {
    refreshing ??= (async () => {
      const tokens = session.get();
      if (!tokens?.refreshToken) return false;
      const response = await send('POST', '/api/v1/auth/refresh', {
        body: { refreshToken: tokens.refreshToken },
        auth: false,
      });
      if (!response.ok) {
        session.clear();
        onSignedOut();
        return false;
      }
      session.set(await response.json());
      return true;
    })().finally(() => (refreshing = undefined));
    return refreshing;
  }

  /**
   * @param {string} method
   * @param {string} path
   * @param {Request} [options]
   * @returns {Promise<any>} the JSON body (its type is the typed method's)
   */
  async function call(method, path, options = {}) {
    let response = await send(method, path, options);
    if (response.status === 401 && options.auth !== false && session.get() && (await refresh())) {
      response = await send(method, path, options);
    }
    const text = response.status === 204 ? '' : await response.text();
    const body = text ? JSON.parse(text) : undefined;
    if (!response.ok) throw new ApiError(response.status, body);
    return body;
  }

  return {
    session,
    signedIn: () => session.get() !== null,
    get: (path, ...[options]) => call('GET', path, options),
    post: (path, body, ...[options]) => call('POST', path, { ...options, body }),
    put: (path, body, ...[options]) => call('PUT', path, { ...options, body }),
    patch: (path, body, ...[options]) => call('PATCH', path, { ...options, body }),
    delete: (path, ...[options]) => call('DELETE', path, options),

    async login(email, password) {
      session.set(await call('POST', '/api/v1/auth/login', { body: { email, password }, auth: false }));
    },
    async logout() {
      const tokens = session.get();
      session.clear();
      if (tokens)
        await call('POST', '/api/v1/auth/logout', {
          body: { refreshToken: tokens.refreshToken },
          auth: false,
        }).catch(() => {});
    },

    /**
     * Follows a Server-Sent Events stream with the access token (EventSource cannot send one),
     * resuming with Last-Event-ID after a drop, until it ends or `signal` aborts. Calls
     * onEvent({ event, id, data }) for each event. A server that closes a stream after its
     * lifetime or its token's says so first (`event: end`, `{reason, resume: true}`): the stream is
     * opened again at once, with a fresh token when that one expired; `resume: false` (the
     * session was ended) stops following.
     */
    async follow(path, params, onEvent, signal) {
      /** @type {string | undefined} */
      let lastId;
      for (let attempt = 0; !signal.aborted && attempt < 20; attempt++) {
        let resume = false;
        try {
          const headers = { accept: 'text/event-stream', ...(lastId ? { 'last-event-id': lastId } : {}) };
          let response = await send('GET', path, { headers, params });
          if (response.status === 401 && (await refresh()))
            response = await send('GET', path, { headers, params });
          if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => ({})));
          const ended = await readEvents(
            /** @type {ReadableStream<Uint8Array>} */ (response.body),
            (event) => {
              if (event.id) lastId = event.id;
              if (event.event === 'end') resume = JSON.parse(event.data).resume === true;
              else onEvent(event);
            },
            signal,
          );
          if (!ended) throw new Error('the stream was cut off');
          if (!resume) return;
          attempt = -1; // a planned end, not a failure: open it again after a short pause
        } catch (error) {
          if (signal.aborted || (error instanceof ApiError && error.status < 500)) throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** attempt, 15000)));
      }
    },
  };
}

/**
 * Parses an event stream into events; true when the server ended it (false: cut off).
 * @param {ReadableStream<Uint8Array>} stream
 * @param {(event: StreamEvent) => void} onEvent
 * @param {AbortSignal} [signal]
 */
export async function readEvents(stream, onEvent, signal) {
  const decoder = /** @type {ReadableWritablePair<string, Uint8Array>} */ (new TextDecoderStream());
  const reader = stream.pipeThrough(decoder).getReader();
  signal?.addEventListener('abort', () => reader.cancel().catch(() => {}), { once: true });
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return !signal?.aborted;
    buffer += value.replaceAll('\r\n', '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      /** @type {StreamEvent} */
      const event = { event: 'message', id: undefined, data: '' };
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue; // a comment, e.g. a heartbeat
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'data') data.push(text);
        else if (field === 'event') event.event = text;
        else if (field === 'id') event.id = text;
      }
      if (data.length > 0) onEvent({ ...event, data: data.join('\n') });
    }
  }
}
