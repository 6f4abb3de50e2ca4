import { request } from 'undici';
import type { TokenSource } from '../http/service-client.js';
import { commaSeparated } from '../config.js';

export interface ClientCredentials {
  /** The token endpoint; one per instance of users, comma-separated, when nothing balances them. */
  tokenUrl: string;
  /** The service the token is for (its audience); a token for one callee is refused by the others. */
  audience: string;
  clientId: string;
  clientSecret: string;
  timeoutMs?: number;
}

/**
 * OAuth2 client-credentials token for calling one other service's /internal routes.
 * Cached until a minute before it expires; concurrent callers share one fetch. With several
 * token URLs, one that cannot be reached or fails is followed by the next (asking twice for a
 * token changes nothing).
 */
export function clientCredentialsToken(credentials: ClientCredentials): TokenSource {
  let cached: { token: string; refreshAt: number } | undefined;
  let inFlight: Promise<string> | undefined;
  const urls = commaSeparated(credentials.tokenUrl);
  let next = 0;

  const fetchToken = async (): Promise<string> => {
    const first = next++ % urls.length;
    let failure: unknown;
    for (let i = 0; i < urls.length; i++) {
      try {
        return await fetchFrom(urls[(first + i) % urls.length]!);
      } catch (error) {
        failure = error;
      }
    }
    throw failure;
  };

  const fetchFrom = async (tokenUrl: string): Promise<string> => {
    const response = await request(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
        audience: credentials.audience,
      }).toString(),
      signal: AbortSignal.timeout(credentials.timeoutMs ?? 3000),
    });
    const body = (await response.body.json()) as { access_token?: string; expires_in?: number };
    if (response.statusCode !== 200 || !body.access_token) {
      throw new Error(`token endpoint answered ${response.statusCode}`);
    }
    const lifetimeMs = (body.expires_in ?? 300) * 1000;
    cached = {
      token: body.access_token,
      refreshAt: Date.now() + Math.max(lifetimeMs - 60_000, lifetimeMs / 2),
    };
    return body.access_token;
  };

  return {
    async get() {
      if (cached && Date.now() < cached.refreshAt) return cached.token;
      inFlight ??= fetchToken().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
