import type { AddressStore } from './addresses.js';
import type { AvatarStore, ImageProcessor } from './avatar.js';
import type { EmailTokenStore } from './email-tokens.js';
import type { EventLog } from './events.js';
import type { FavoriteStore } from './favorites.js';
import type { Mailer } from './mails.js';
import type { NotificationStore } from './notifications.js';
import type { PasswordHasher } from './passwords.js';
import type { ProductCatalog } from './products.js';
import type { CatalogProjection, SignalStore } from './recommendation-signals.js';
import type { RecommendationStore } from './recommendations.js';
import type { SessionStore, TokenIssuer } from './sessions.js';
import type { ThrottleStore } from './throttle.js';
import type { UserStore } from './user.js';

/** The stores, bound to one connection (or to one transaction). */
export interface Stores {
  users: UserStore;
  sessions: SessionStore;
  emailTokens: EmailTokenStore;
  throttle: ThrottleStore;
  addresses: AddressStore;
  favorites: FavoriteStore;
  /** The recommendation model's projections of other services' events. */
  signals: SignalStore;
  catalogProjection: CatalogProjection;
  recommendations: RecommendationStore;
  notifications: NotificationStore;
  /** Only inside a transaction: events are written with the change they describe. */
  events: EventLog;
}

export interface Database extends Stores {
  /** Runs `work` in one transaction: all of its writes happen, or none. */
  transaction<T>(work: (tx: Stores) => Promise<T>): Promise<T>;
}

/** The policy numbers, from configuration. */
export interface Settings {
  publicUrl: string;
  refreshTokenTtlSeconds: number;
  sessionMaxAgeSeconds: number;
  emailVerificationTtlSeconds: number;
  passwordResetTtlSeconds: number;
  unlockTtlSeconds: number;
  login: {
    windowSeconds: number;
    /** From one client address on one account. */
    maxFailuresPerAccount: number;
    /** From one client address across accounts. */
    maxFailuresPerIp: number;
    /** On one account from every address, before attempts are spaced out. */
    accountFreeFailures: number;
    accountMaxDelaySeconds: number;
    /** An address where the account signed in within this many days skips the account-wide delay. */
    knownAddressDays: number;
  };
  /** Client id → secret of the services that may ask for client-credentials tokens. */
  serviceClients: ReadonlyMap<string, string>;
  maxAddresses: number;
  maxFavorites: number;
}

export interface DomainLog {
  warn(details: object, message: string): void;
}

/** Everything the use cases need from outside, wired in app.ts. */
export interface Deps {
  db: Database;
  passwords: PasswordHasher;
  tokens: TokenIssuer;
  mailer: Mailer;
  avatars: AvatarStore;
  images: ImageProcessor;
  /** Absent until the products service is configured (PRODUCTS_URL). */
  catalog: ProductCatalog | undefined;
  settings: Settings;
  clock: () => Date;
  log: DomainLog;
  /** Work done after answering (tracked, so a graceful stop waits for it); failures are logged. */
  later(what: string, task: () => Promise<void>): void;
}

export function secondsFrom(now: Date, seconds: number): Date {
  return new Date(now.getTime() + seconds * 1000);
}

/** Sends a mail without letting a mail failure undo what already happened; it is logged. */
export async function deliver(
  deps: Pick<Deps, 'mailer' | 'log'>,
  mail: Parameters<Deps['mailer']['send']>[0],
) {
  try {
    await deps.mailer.send(mail);
  } catch (error) {
    deps.log.warn({ err: error, subject: mail.subject }, 'a mail could not be sent');
  }
}
