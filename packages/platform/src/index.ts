export { createApp, requestContext, type App, type AppOptions } from './app/create-app.js';
export type { ReadinessCheck } from './app/health.js';
export { sendProblem, PROBLEM_CONTENT_TYPE, type Problem } from './app/problem-handler.js';
export { ProblemSchema, problems } from './problem-schema.js';
export {
  createGuards,
  isAdmin,
  markGuard,
  SessionEnded,
  type GuardKind,
  type GuardOptions,
  type Guards,
} from './auth/guards.js';
export type { DocumentedRouteConfig } from './app/openapi-document.js';
export {
  REVOKED_SESSION_RETAIN_SECONDS,
  SessionRevocations,
  type RevokedSessions,
  type SessionRevocationsOptions,
} from './auth/session-revocations.js';
export { clientCredentialsToken, type ClientCredentials } from './auth/service-token.js';
export * from './auth/tokens.js';
export { createTokenVerifier, type TokenVerifier, type TokenVerifierOptions } from './auth/verify-token.js';
export {
  loadConfig,
  ConfigError,
  commonConfig,
  busConfig,
  authConfig,
  serviceClientConfig,
  proxyConfig,
  serviceUrlConfig,
  trustedProxies,
} from './config.js';
export { migrateDatabase, runMigrations } from './db/migrate.js';
export { PgListener, type PgListenerOptions } from './db/pg-listener.js';
export { isUuid } from './ids.js';
export { packageRoot } from './package-root.js';
export {
  createPool,
  withTransaction,
  PgError,
  pgErrorCode,
  pgConstraint,
  type Pool,
  type PoolClient,
  type Queryable,
} from './db/pool.js';
export { startEmbeddedPostgres, EmbeddedPostgresError, type RunningPostgres } from './embedded-postgres.js';
export * from './errors.js';
export { freePort } from './free-port.js';
export { clientKey } from './http/client-key.js';
export {
  ServiceClient,
  type CallOptions,
  type ServiceClientOptions,
  type ServiceResponse,
  type TokenSource,
} from './http/service-client.js';
export {
  ServiceInstances,
  neverSent,
  serviceUrls,
  type InstanceLog,
  type ServiceInstancesOptions,
} from './http/service-instances.js';
export { runService, type RunnableService } from './lifecycle/run-service.js';
export { PeriodicTask, type PeriodicTaskOptions } from './lifecycle/periodic-task.js';
export * from './lifecycle/child-service.js';
export {
  runServiceMain,
  runMigrationsCommand,
  type MigratingConfig,
  type ServiceMainOptions,
} from './lifecycle/service-main.js';
export {
  createServiceCore,
  type ServiceCore,
  type ServiceCoreConfig,
  type ServiceCoreOptions,
} from './lifecycle/service-core.js';
export { loggerOptions, type Log } from './logger.js';
export type { Bus, ConsumeOptions, DeadLetter, EventHandler, Subscription } from './messaging/bus.js';
export type { EventEnvelope, NewEvent } from './messaging/envelope.js';
export {
  idempotentConsumer,
  idempotentHandler,
  type EventConsumer,
  type TransactionalHandler,
} from './messaging/idempotent-consumer.js';
export { createOutbox, type Outbox } from './messaging/outbox.js';
export { OutboxRelay, type OutboxRelayOptions } from './messaging/outbox-relay.js';
export { PgBossBus, type PgBossBusOptions } from './messaging/pg-boss-bus.js';
export { createBus } from './messaging/create-bus.js';
export { encodeCursor, decodeCursor, PageSchema, LimitSchema } from './pagination.js';
export {
  currentContext,
  runWithContext,
  contextFrom,
  outgoingTraceparent,
  type RequestContext,
} from './request-context.js';
export {
  registerDeadLetterRoutes,
  DeadLetterView,
  type DeadLetterRoutesOptions,
} from './messaging/dead-letter.routes.js';
