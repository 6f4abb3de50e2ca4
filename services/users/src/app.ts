import { join } from 'node:path';
import {
  createGuards,
  createServiceCore,
  createTokenVerifier,
  markGuard,
  PeriodicTask,
  registerDeadLetterRoutes,
  type App,
  type Bus,
  type Guards,
  type Log,
  type RunnableService,
} from '@shop/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createArgon2Hasher } from './adapters/argon2-hasher.js';
import { boundedImageProcessor } from './adapters/bounded-image-processor.js';
import { boundedPasswordHasher } from './adapters/bounded-password-hasher.js';
import { CaptureMailer } from './adapters/capture-mailer.js';
import { DiskAvatarStore } from './adapters/disk-avatar-store.js';
import { createProductsCatalog } from './adapters/products-catalog.js';
import { createSharpImageProcessor } from './adapters/sharp-image-processor.js';
import { SmtpMailer } from './adapters/smtp-mailer.js';
import { registerAddressRoutes } from './api/addresses.routes.js';
import { registerAdminRoutes } from './api/admin.routes.js';
import { createAuthHooks, type AuthHooks } from './api/auth-hooks.js';
import { registerAuthRoutes } from './api/auth.routes.js';
import { registerAvatarRoutes } from './api/avatar.routes.js';
import { registerDevRoutes } from './api/dev.routes.js';
import { registerFavoriteRoutes } from './api/favorites.routes.js';
import { registerInternalRoutes } from './api/internal.routes.js';
import { registerKeyRoutes } from './api/keys.routes.js';
import { registerProfileRoutes } from './api/profile.routes.js';
import { registerRecommendationRoutes } from './api/recommendations.routes.js';
import { BackgroundTasks } from './background-tasks.js';
import { serviceClients, type Config } from './config.js';
import { createDatabase, sweepExpired } from './data/database.js';
import { AccountDeletion } from './domain/account-deletion.js';
import { AddressBook } from './domain/address-book.js';
import { Authentication } from './domain/authentication.js';
import { Avatars, type ImageProcessor } from './domain/avatar.js';
import { EmailVerification } from './domain/email-verification.js';
import { Favorites } from './domain/favorites.js';
import { FirstAdmin } from './domain/first-admin.js';
import type { Mailer } from './domain/mails.js';
import { Notifications } from './domain/notifications.js';
import { PasswordReset } from './domain/password-reset.js';
import type { Later } from './domain/ports.js';
import type { ProductCatalog } from './domain/products.js';
import { Profile } from './domain/profile.js';
import { RecommendationSignals } from './domain/recommendation-signals.js';
import { Recommendations } from './domain/recommendations.js';
import { Registration } from './domain/registration.js';
import { ServiceClients } from './domain/service-clients.js';
import { Sessions } from './domain/sessions.js';
import { Unlock } from './domain/unlock.js';
import { UserAdministration } from './domain/user-administration.js';
import { signingKeys } from './keys/signing-keys.js';
import { createTokenIssuer, selfServiceToken } from './keys/token-issuer.js';
import { eventConsumer } from './messaging/consume.js';
import { notificationEvents } from './messaging/notification-events.consumer.js';
import { productEvents } from './messaging/product-events.consumer.js';
import { signalEvents } from './messaging/signal-events.consumer.js';
import { notificationWorker } from './workers/notification-worker.js';

/** The adapters tests may replace; production takes everything from the config. */
export interface AppDeps {
  clock?: () => Date;
  mailer?: Mailer;
  catalog?: ProductCatalog;
  /** A bus with other retry settings (tests of the dead-letter path). */
  bus?: Bus;
  /** Avatar conversion, still behind the bound on conversions at a time (tests that hold one). */
  images?: ImageProcessor;
}

export interface UsersApp extends RunnableService {
  app: App;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export async function buildApp(config: Config, overrides: AppDeps = {}): Promise<UsersApp> {
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

  const db = createDatabase(pool, outbox);
  const passwords = boundedPasswordHasher(
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
  );
  const mailer = overrides.mailer ?? captureMailer ?? smtpMailer!;
  const avatarStore = new DiskAvatarStore(join(config.DATA_DIR, 'avatars'));
  const images = boundedImageProcessor(
    overrides.images ??
      createSharpImageProcessor({
        sizePx: config.AVATAR_SIZE_PX,
        maxInputPixels: config.AVATAR_MAX_INPUT_PIXELS,
      }),
    { atOnce: config.AVATAR_CONVERSIONS_AT_ONCE, waiting: config.AVATAR_CONVERSIONS_WAITING },
  );
  const catalog = overrides.catalog ?? productsCatalog;
  const log = app.log;
  const later: Later = (what, task) => background.run(what, task);
  const publicUrl = config.PUBLIC_URL.replace(/\/+$/, '');
  const { users, throttle } = db;

  // The use cases, each with the ports it uses (CONTRIBUTING.md, "One service shape").
  const sessions = new Sessions({
    sessions: db.sessions,
    db,
    tokens,
    clock,
    refreshTokenTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
    sessionMaxAgeSeconds: config.SESSION_MAX_AGE_SECONDS,
  });
  const authentication = new Authentication({
    users,
    throttle,
    sessionHistory: db.sessions,
    passwords,
    sessions,
    policy: {
      windowSeconds: config.LOGIN_WINDOW_SECONDS,
      maxFailuresPerAccount: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerIp: config.LOGIN_MAX_FAILURES_PER_IP,
      accountFreeFailures: config.LOGIN_ACCOUNT_FREE_FAILURES,
      accountMaxDelaySeconds: config.LOGIN_ACCOUNT_MAX_DELAY_SECONDS,
      knownAddressDays: config.LOGIN_KNOWN_ADDRESS_DAYS,
    },
  });
  const verification = new EmailVerification({
    users,
    throttle,
    db,
    mailer,
    log,
    later,
    clock,
    publicUrl,
    ttlSeconds: config.EMAIL_VERIFICATION_TTL_SECONDS,
  });
  const registration = new Registration({
    users,
    throttle,
    db,
    passwords,
    verification,
    mailer,
    log,
    later,
    publicUrl,
  });
  const passwordReset = new PasswordReset({
    users,
    throttle,
    db,
    passwords,
    sessions,
    mailer,
    log,
    later,
    clock,
    publicUrl,
    ttlSeconds: config.PASSWORD_RESET_TTL_SECONDS,
  });
  const unlock = new Unlock({
    users,
    throttle,
    db,
    mailer,
    later,
    clock,
    publicUrl,
    ttlSeconds: config.UNLOCK_LINK_TTL_SECONDS,
  });
  const profile = new Profile({
    users,
    throttle,
    db,
    authentication,
    verification,
    sessions,
    passwords,
    mailer,
    log,
    later,
  });
  const deletion = new AccountDeletion({ users, db, authentication, sessions, avatars: avatarStore, later });
  const avatars = new Avatars({
    users,
    throttle,
    db,
    images,
    avatars: avatarStore,
    later,
    limits: { maxPixels: config.AVATAR_MAX_INPUT_PIXELS, uploadsPerHour: config.AVATAR_UPLOADS_PER_HOUR },
  });
  const book = new AddressBook({ addresses: db.addresses, db, maxAddresses: 50 });
  const favorites = new Favorites({ favorites: db.favorites, db, catalog, log, maxFavorites: 1000 });
  const recommendations = new Recommendations({
    recommendations: db.recommendations,
    catalogProjection: db.catalogProjection,
    catalog,
    clock,
    log,
    later,
  });
  const administration = new UserAdministration({ users, db, sessions });
  const clients = new ServiceClients({ clients: serviceClients(config), tokens });
  const notifications = new Notifications({ notifications: db.notifications, users, mailer, catalog, log });
  const signals = new RecommendationSignals();
  const firstAdmin = new FirstAdmin({ users, db, passwords });

  const guards = createGuards(createTokenVerifier({ jwks: keys.ring.getKey, issuer: config.JWT_ISSUER }), {
    service: 'users',
  });
  const auth = createAuthHooks(guards, sessions);
  registerKeyRoutes(app, { keys: keys.ring });
  registerAuthRoutes(app, {
    auth,
    registration,
    authentication,
    sessions,
    verification,
    passwordReset,
    unlock,
  });
  registerProfileRoutes(app, { auth, profile, deletion });
  registerAvatarRoutes(app, {
    auth,
    avatars,
    limits: {
      maxBytes: config.AVATAR_MAX_BYTES,
      maxPixels: config.AVATAR_MAX_INPUT_PIXELS,
      uploadsPerHour: config.AVATAR_UPLOADS_PER_HOUR,
    },
  });
  registerAddressRoutes(app, { auth, book });
  registerFavoriteRoutes(app, { auth, favorites });
  registerRecommendationRoutes(app, { auth, recommendations });
  registerAdminRoutes(app, { auth, administration });
  registerInternalRoutes(app, { auth, serviceClients: clients, administration, book });
  if (captureMailer && config.DEV_ROUTES) registerDevRoutes(app, { mailer: captureMailer });
  const notificationSender = notificationWorker(notifications, app.log, config.NOTIFICATIONS_INTERVAL_MS);
  core.consume(
    eventConsumer(pool, outbox, productEvents(signals)),
    eventConsumer(pool, outbox, signalEvents(signals)),
    eventConsumer(pool, outbox, notificationEvents(notifications), () => notificationSender.wake()),
  );
  registerDeadLetterRoutes(app, {
    bus: core.bus,
    subscriptions: core.subscriptions,
    guards: withLiveSessions(guards, auth),
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
      await ensureFirstAdmin(config, firstAdmin, app.log);
      await core.start();
      notificationSender.start();
      for (const task of housekeeping) task.start();
    },
    async stop() {
      await Promise.all(housekeeping.map((task) => task.stop()));
      await background.idle();
      // After the consumers, which wake it; before the pool it reads.
      await core.stop(() => notificationSender.stop());
      await productsCatalog?.close();
      smtpMailer?.close();
    },
  };
}

/** ADMIN_EMAIL and ADMIN_PASSWORD, when set: the first admin, created or promoted idempotently. */
async function ensureFirstAdmin(config: Config, firstAdmin: FirstAdmin, log: Log): Promise<void> {
  if (!config.ADMIN_EMAIL || !config.ADMIN_PASSWORD) return;
  const outcome = await firstAdmin.ensure({ email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD });
  if (outcome === 'refused')
    log.error('ADMIN_EMAIL belongs to an account with another password; it was not made admin');
  else log.info({ outcome }, 'first admin checked');
}

/** The platform's role guard with this service's own check that the session is still live. */
function withLiveSessions(guards: Guards, auth: AuthHooks): Guards {
  return {
    ...guards,
    role: (...roles) => {
      const hooks = auth.role(...roles); // once per route, not per request
      return markGuard('role', async (request: FastifyRequest, reply: FastifyReply) => {
        for (const hook of hooks) await hook(request, reply);
      });
    },
  };
}
