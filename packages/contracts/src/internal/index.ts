/**
 * The internal HTTP APIs (`/internal/*`, service tokens only, never routed by the gateway): request,
 * response and problem schemas, used as the route schema by the service that serves them and as the
 * type by every client.
 */
export * from './products.js';
export * from './users.js';
