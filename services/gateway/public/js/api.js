/**
 * The storefront's client of the public API: JSON in and out, problem documents as ApiError,
 * the access token on every call and one refresh (shared by concurrent calls) when it expired.
 * Tokens live in sessionStorage: they end with the tab and never reach a cookie.
 */

export class ApiError extends Error {
  constructor(status, problem = {}) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    Object.assign(this, problem, { status });
  }
}

const SESSION_KEY = 'shop.session';

export function createApi({
  fetch = globalThis.fetch.bind(globalThis),
  storage = globalThis.sessionStorage,
  onSignedOut = () => {},
} = {}) {
  let refreshing;

  const session = {
    get: () => JSON.parse(storage.getItem(SESSION_KEY) ?? 'null'),
    set: (tokens) => storage.setItem(SESSION_KEY, JSON.stringify(tokens)),
    clear: () => storage.removeItem(SESSION_KEY),
  };

  async function send(method, path, { body, headers = {}, auth = true } = {}) {
    const tokens = auth ? session.get() : null;
    return fetch(path, {
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
    get: (path, options) => call('GET', path, options),
    post: (path, body, options) => call('POST', path, { ...options, body }),
    put: (path, body, options) => call('PUT', path, { ...options, body }),
    patch: (path, body, options) => call('PATCH', path, { ...options, body }),
    delete: (path, options) => call('DELETE', path, options),

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
    async follow(path, onEvent, signal) {
      let lastId;
      for (let attempt = 0; !signal.aborted && attempt < 20; attempt++) {
        let resume = false;
        try {
          const headers = { accept: 'text/event-stream', ...(lastId ? { 'last-event-id': lastId } : {}) };
          let response = await send('GET', path, { headers });
          if (response.status === 401 && (await refresh())) response = await send('GET', path, { headers });
          if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => ({})));
          const ended = await readEvents(
            response.body,
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

/** Parses an event stream into events; true when the server ended it (false: cut off). */
export async function readEvents(stream, onEvent, signal) {
  const reader = stream.pipeThrough(new TextDecoderStream()).getReader();
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
