/**
 * What the gateway exposes, and to whom it goes. Everything else, `/internal/*` and
 * `/dev/*` included, is never routed: an unknown path is a 404 at the gateway.
 */
export type UpstreamName = 'users' | 'products' | 'orders';

export interface UpstreamRoutes {
  upstream: UpstreamName;
  /**
   * The largest body the service takes on these routes, when it is below the gateway's
   * BODY_LIMIT_BYTES. The gateway must refuse first: a service that refuses a body halfway stops
   * reading it, and the gateway, still sending, would answer 502 or 408 instead of its 413.
   */
  bodyLimitBytes?: number;
  /** Routed with everything below them (`/api/v1/users` and `/api/v1/users/…`). */
  trees: string[];
  /** Routed exactly. */
  exact: string[];
}

export const routeTable: readonly UpstreamRoutes[] = [
  {
    upstream: 'users',
    // The users service's bodyLimit (its app.ts): accounts take small JSON bodies only.
    bodyLimitBytes: 64 * 1024,
    trees: ['/api/v1/auth', '/api/v1/users'],
    exact: ['/.well-known/jwks.json'],
  },
  {
    upstream: 'products',
    trees: ['/api/v1/products', '/api/v1/categories', '/api/v1/reviews'],
    exact: [],
  },
  {
    upstream: 'orders',
    trees: ['/api/v1/cart', '/api/v1/orders', '/api/v1/payments'],
    exact: [],
  },
];

/**
 * Live order tracking (Server-Sent Events): answers that stay open for minutes, forwarded over
 * connections of their own and admitted by the gateway's stream caps.
 */
export const ORDER_EVENTS = { method: 'GET', path: '/api/v1/orders/:id/events' } as const;

/**
 * The avatar upload is the one route that takes more than a small JSON body; its limit
 * (AVATAR_BODY_LIMIT_BYTES) matches the users service's AVATAR_MAX_BYTES, for the reason above.
 */
export const AVATAR_UPLOAD = { method: 'PUT', path: '/api/v1/users/me/avatar' } as const;

/**
 * Stripe's webhook deliveries come from a few addresses and are authenticated by their signature
 * (checked by orders), so a delivery that carries one draws on a budget of its own rather than
 * the per-address one of shoppers; one without a signature is an ordinary request.
 */
export const PAYMENT_WEBHOOK = { method: 'POST', path: '/api/v1/payments/webhook' } as const;

/** The tree whose routes draw on the stricter per-address budget (logins, registrations, resets). */
export const AUTH_TREE = '/api/v1/auth';

/** Whether the gateway routes `path` (an OpenAPI path template or a request path) to `upstream`. */
export function routes(upstream: UpstreamName, path: string): boolean {
  const entry = routeTable.find((e) => e.upstream === upstream);
  if (!entry) return false;
  return (
    entry.exact.includes(path) || entry.trees.some((tree) => path === tree || path.startsWith(`${tree}/`))
  );
}
