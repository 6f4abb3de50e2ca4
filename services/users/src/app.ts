import { join } from 'node:path';
import {
  createGuards,
  createServiceCore,
  createTokenVerifier,
  PeriodicTask,
  registerDeadLetterRoutes,
  type App,
  type Bus,
  type Guards,
  type Log,
  type RunnableService,
} from '@shop/platform';
import { createArgon2Hasher } from './adapters/argon2-hasher.js';
import { boundedImageProcessor } from './adapters/bounded-image-processor.js';
import { boundedPasswordHasher } from './adapters/bounded-password-hasher.js';
import { CaptureMailer } from './adapters/capture-mailer.js';
import { DiskAvatarStore } from './adapters/disk-avatar-store.js';
import { createProductsCatalog } from './adapters/products-catalog.js';
import { createSharpImageProcessor } from './adapters/sharp-image-processor.js';
import { SmtpMailer } from './adapters/smtp-mailer.js';
import { addressRoutes } from './api/addresses.routes.js';
import { adminRoutes } from './api/admin.routes.js';
import { createAuthHooks } from './api/auth-hooks.js';
import { authRoutes } from './api/auth.routes.js';
import { avatarRoutes } from './api/avatar.routes.js';
import type { RouteContext } from './api/context.js';
import { devRoutes } from './api/dev.routes.js';
import { favoriteRoutes } from './api/favorites.routes.js';
import { internalRoutes } from './api/internal.routes.js';
import { keyRoutes } from './api/keys.routes.js';
import { profileRoutes } from './api/profile.routes.js';
import { recommendationRoutes } from './api/recommendations.routes.js';
import { BackgroundTasks } from './background-tasks.js';
import { serviceClients, type Config } from './config.js';
import { createDatabase, sweepExpired } from './data/database.js';
import type { ImageProcessor } from './domain/avatar.js';
import type { Deps } from './domain/deps.js';
import type { ProductCatalog } from './domain/products.js';
import { ensureAdmin } from './domain/first-admin.js';
import type { Mailer } from './domain/mails.js';
import { signingKeys } from './keys/signing-keys.js';
import { createTokenIssuer, selfServiceToken } from './keys/token-issuer.js';
import { eventConsumer } from './messaging/consume.js';
import { notificationEvents } from './messaging/notification-events.consumer.js';
import { productEvents } from './messaging/product-events.consumer.js';
import { signalEvents } from './messaging/signal-events.consumer.js';
import { notificationWorker } from './workers/notification-worker.js';

/** What tests may replace; production takes everything from the config. */
export interface AppOverrides {
  clock?: () => Date;
  mailer?: Mailer;
  catalog?: ProductCatalog;
  /** A bus with other retry settings (tests of the dead-letter path). */
  bus?: Bus;
  /** Avatar conversion, still behind the bound on conversions at a time (tests that hold one). */
  images?: ImageProcessor;
}

export interface UsersService extends RunnableService {
  app: App;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function buildApp(config: Config, overrides: AppOverrides = {}): Promise<UsersService> {
  const clock = overrides.clock ?? (() => new Date());
  const keys = await signingKeys(config, clock);
  const tokens = createTokenIssuer(keys.ring, {
    issuer: config.JWT_ISSUER,
    accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    serviceTtlSeconds: config.SERVICE_TOKEN_TTL_SECONDS,
  });
  const core = await createServiceCore({
    service: 'users',
    config,
    bus: overrides.bus,
    app: {
      bodyLimit: 64 * 1024,
      openapi: {
        title: 'Users',
        description: 'Accounts, sign-in and sessions, profiles, avatars, addresses and favorites.',
      },
    },
  });
  const { app, pool, outbox } = core;

  const captureMailer =
    config.MAILER === 'capture'
      ? new CaptureMailer(join(config.DATA_DIR, 'mail'), config.MAIL_FROM)
      : undefined;
  const smtpMailer =
    config.MAILER === 'smtp' && !overrides.mailer
      ? new SmtpMailer(config.SMTP_URL!, config.MAIL_FROM)
      : undefined;
  const productsCatalog =
    config.PRODUCTS_URL && !overrides.catalog
      ? createProductsCatalog({
          baseUrl: config.PRODUCTS_URL,
          timeoutMs: config.SERVICE_CALL_TIMEOUT_MS,
          token: selfServiceToken(tokens, 'products'),
          log: app.log,
        })
      : undefined;
  const background = new BackgroundTasks(app.log);

  const deps: Deps = {
    db: createDatabase(pool, outbox),
    passwords: boundedPasswordHasher(
      await createArgon2Hasher({
        memoryKiB: config.ARGON2_MEMORY_KIB,
        iterations: config.ARGON2_ITERATIONS,
        parallelism: config.ARGON2_PARALLELISM,
      }),
      {
        atOnce: config.PASSWORD_HASHING_AT_ONCE,
        accountAtOnce: config.PASSWORD_HASHING_ACCOUNT_AT_ONCE,
        waiting: {
          login: config.PASSWORD_HASHING_LOGINS_WAITING,
          account: config.PASSWORD_HASHING_ACCOUNT_WAITING,
        },
        maxWaitMs: config.PASSWORD_HASHING_MAX_WAIT_MS,
      },
    ),
    tokens,
    mailer: overrides.mailer ?? captureMailer ?? smtpMailer!,
    avatars: new DiskAvatarStore(join(config.DATA_DIR, 'avatars')),
    images: boundedImageProcessor(
      overrides.images ??
        createSharpImageProcessor({
          sizePx: config.AVATAR_SIZE_PX,
          maxInputPixels: config.AVATAR_MAX_INPUT_PIXELS,
        }),
      { atOnce: config.AVATAR_CONVERSIONS_AT_ONCE, waiting: config.AVATAR_CONVERSIONS_WAITING },
    ),
    catalog: overrides.catalog ?? productsCatalog,
    settings: settingsFrom(config),
    clock,
    log: app.log,
    later: (what, task) => background.run(what, task),
  };

  const guards = createGuards(createTokenVerifier({ jwks: keys.ring.getKey, issuer: config.JWT_ISSUER }), {
    service: 'users',
  });
  const context: RouteContext = { app, deps, auth: createAuthHooks(guards, deps) };
  keyRoutes(context, keys.ring);
  authRoutes(context);
  profileRoutes(context);
  avatarRoutes(context, {
    maxBytes: config.AVATAR_MAX_BYTES,
    maxPixels: config.AVATAR_MAX_INPUT_PIXELS,
    uploadsPerHour: config.AVATAR_UPLOADS_PER_HOUR,
  });
  addressRoutes(context);
  favoriteRoutes(context);
  recommendationRoutes(context);
  adminRoutes(context);
  internalRoutes(context);
  if (captureMailer && config.DEV_ROUTES) devRoutes(context, captureMailer);
  const notifications = notificationWorker(deps, app.log, config.NOTIFICATIONS_INTERVAL_MS);
  core.consume(
    eventConsumer(pool, outbox, productEvents),
    eventConsumer(pool, outbox, signalEvents),
    eventConsumer(pool, outbox, notificationEvents, () => notifications.wake()),
  );
  registerDeadLetterRoutes(app, {
    bus: core.bus,
    subscriptions: core.subscriptions,
    guards: withLiveSessions(guards, context.auth),
  });

  const housekeeping = [
    new PeriodicTask({
      name: 'sweep of expired rows',
      intervalMs: 10 * 60_000,
      log: app.log,
      // The longest window: a day, the per-recipient mail budget (domain/mail-budget.ts).
      run: () => sweepExpired(pool, Math.max(config.LOGIN_WINDOW_SECONDS, 86_400)),
    }),
    ...(keys.rotate
      ? [
          new PeriodicTask({
            name: 'signing key rotation',
            intervalMs: 60_000,
            log: app.log,
            run: keys.rotate,
          }),
        ]
      : []),
  ];

  return {
    app,
    async start() {
      // First, so that a refused ADMIN_PASSWORD stops the start before anything runs.
      await ensureFirstAdmin(config, deps, app.log);
      await core.start();
      notifications.start();
      for (const task of housekeeping) task.start();
    },
    async stop() {
      await Promise.all(housekeeping.map((task) => task.stop()));
      await background.idle();
      // After the consumers, which wake it; before the pool it reads.
      await core.stop(() => notifications.stop());
      await productsCatalog?.close();
      smtpMailer?.close();
    },
  };
}

/** What the domain needs to know of the configuration. */
function settingsFrom(config: Config): Deps['settings'] {
  return {
    publicUrl: config.PUBLIC_URL.replace(/\/+$/, ''),
    refreshTokenTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
    sessionMaxAgeSeconds: config.SESSION_MAX_AGE_SECONDS,
    emailVerificationTtlSeconds: config.EMAIL_VERIFICATION_TTL_SECONDS,
    passwordResetTtlSeconds: config.PASSWORD_RESET_TTL_SECONDS,
    unlockTtlSeconds: config.UNLOCK_LINK_TTL_SECONDS,
    login: {
      windowSeconds: config.LOGIN_WINDOW_SECONDS,
      maxFailuresPerAccount: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerIp: config.LOGIN_MAX_FAILURES_PER_IP,
      accountFreeFailures: config.LOGIN_ACCOUNT_FREE_FAILURES,
      accountMaxDelaySeconds: config.LOGIN_ACCOUNT_MAX_DELAY_SECONDS,
      knownAddressDays: config.LOGIN_KNOWN_ADDRESS_DAYS,
    },
    serviceClients: serviceClients(config),
    maxAddresses: 50,
    maxFavorites: 1000,
  };
}

/** ADMIN_EMAIL and ADMIN_PASSWORD, when set: the first admin, created or promoted idempotently. */
async function ensureFirstAdmin(config: Config, deps: Deps, log: Log): Promise<void> {
  if (!config.ADMIN_EMAIL || !config.ADMIN_PASSWORD) return;
  const outcome = await ensureAdmin(deps, { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD });
  if (outcome === 'refused')
    log.error('ADMIN_EMAIL belongs to an account with another password; it was not made admin');
  else log.info({ outcome }, 'first admin checked');
}

/** The platform's role guard with this service's own check that the session is still live. */
function withLiveSessions(guards: Guards, auth: RouteContext['auth']): Guards {
  return {
    ...guards,
    role:
      (...roles) =>
      async (request, reply) => {
        for (const hook of auth.role(...roles)) await hook(request, reply);
      },
  };
}
