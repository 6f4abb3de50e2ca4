import { BalancedPool, request, type Pool } from 'undici';
import { commaSeparated } from '../config.js';

/**
 * The base URLs of one service's instances: one URL (a Kubernetes Service, which spreads the
 * connections itself) or several separated by commas (`ORDERS_URL=http://a:3003,http://b:3003`).
 * Only the origin of each counts; a path, a query or a repeated origin is refused, so a typo is a
 * start-up error rather than an instance that never answers.
 */
export function serviceUrls(value: string | readonly string[]): string[] {
  const parts =
    typeof value === 'string' ? commaSeparated(value) : value.map((part) => part.trim()).filter(Boolean);
  if (parts.length === 0) throw new Error('no base URL given');
  const origins = parts.map((part) => {
    let url: URL;
    try {
      url = new URL(part);
    } catch {
      throw new Error(`"${part}" is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new Error(`"${part}" is not an http(s) URL`);
    if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash)
      throw new Error(`"${part}" must be a base URL without a path`);
    return url.origin;
  });
  if (new Set(origins).size !== origins.length) throw new Error(`a base URL is listed twice in "${value}"`);
  return origins;
}

/** undici's failures before a request is written: trying another instance is always safe. */
const UNSENT = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  // A pool taken out of the rotation a moment ago closes; a request it still received never left.
  'UND_ERR_CLOSED',
]);
/**
 * The system's, safe only while connecting or resolving: the same codes on an established socket
 * (an ICMP unreachable once a request was written) say nothing about whether it was handled.
 */
const UNSENT_WHILE_CONNECTING = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** Whether a failed call never reached its instance (so even a non-idempotent one may go to another). */
export function neverSent(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (!('code' in e) || typeof e.code !== 'string') continue;
    if (UNSENT.has(e.code)) return true;
    const syscall = (e as { syscall?: unknown }).syscall;
    if (UNSENT_WHILE_CONNECTING.has(e.code) && (syscall === 'connect' || syscall === 'getaddrinfo'))
      return true;
  }
  return false;
}

export interface InstanceLog {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

export interface ServiceInstancesOptions {
  /** Name of the service, for logs. */
  service: string;
  urls: string | readonly string[];
  /** Options of each instance's keep-alive pool (`connections` is per instance). */
  pool?: Pool.Options;
  /** Answers 2xx when an instance can take calls. Default `/readyz`. */
  healthPath?: string;
  /** How often every instance's health is asked, when there are several. Default 2 s. */
  checkEveryMs?: number;
  /** Where an instance leaving or rejoining the rotation is reported. */
  log?: InstanceLog;
}

/**
 * Every instance of one service behind one undici dispatcher: a BalancedPool spreads the calls
 * over them (one keep-alive pool each). What BalancedPool lacks is added here: an instance that
 * refuses a connection leaves the rotation at once, one whose health check fails twice in a row
 * leaves it too (unless every instance fails together), and each rejoins when its health check
 * passes again (instances are asked every `checkEveryMs`, and at once when the last one in the
 * rotation refuses a connection). The last instance in the rotation never leaves it, so a caller
 * whose every instance is down gets that instance's own error, not a queue that waits forever.
 * With one URL there is nothing to choose between: no checks run, the URL (a Kubernetes Service)
 * does the rest.
 */
export class ServiceInstances {
  readonly origins: string[];
  readonly dispatcher: BalancedPool;
  private readonly out = new Set<string>();
  private readonly failedChecks = new Map<string, number>();
  private readonly timer: NodeJS.Timeout | undefined;
  private checking = false;
  private closed = false;

  constructor(private readonly options: ServiceInstancesOptions) {
    this.origins = serviceUrls(options.urls);
    this.dispatcher = new BalancedPool(this.origins, options.pool ?? {});
    if (this.origins.length > 1) {
      this.dispatcher.on('connectionError', (origin, _targets, error) => {
        if (!neverSent(error)) return;
        const refused = new URL(String(origin)).origin;
        // The last one in the rotation stays; another that is out may be back already: look now.
        if (!this.takeOut(refused, describe(error))) void this.check();
      });
      this.timer = setInterval(() => void this.check(), options.checkEveryMs ?? 2000);
      this.timer.unref();
    }
  }

  /** Instances calls go to now. */
  get inRotation(): string[] {
    return this.origins.filter((origin) => !this.out.has(origin));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.dispatcher.close();
  }

  /** Answers whether the instance is out of the rotation now. */
  private takeOut(origin: string, why: string): boolean {
    if (this.out.has(origin)) return true;
    if (this.closed || this.inRotation.length <= 1) return false;
    this.out.add(origin);
    this.dispatcher.removeUpstream(origin);
    this.options.log?.warn(
      { service: this.options.service, instance: origin },
      `instance out of rotation: ${why}`,
    );
    return true;
  }

  private bringBack(origin: string): void {
    if (this.closed || !this.out.delete(origin)) return;
    this.dispatcher.addUpstream(origin);
    this.options.log?.info({ service: this.options.service, instance: origin }, 'instance back in rotation');
  }

  private async check(): Promise<void> {
    if (this.checking || this.closed) return;
    this.checking = true;
    try {
      const answers = await Promise.all(
        this.origins.map(async (origin) => ({ origin, healthy: await this.healthy(origin) })),
      );
      // Every instance failing at once is something they share (their database, the bus): moving
      // the calls onto one of them would only overload it. The rotation stays as it is.
      const allFailing = answers.every(({ healthy }) => !healthy);
      for (const { origin, healthy } of answers) {
        if (healthy) {
          this.failedChecks.delete(origin);
          this.bringBack(origin);
          continue;
        }
        const failures = (this.failedChecks.get(origin) ?? 0) + 1;
        this.failedChecks.set(origin, failures);
        // Twice, so that one slow answer under load does not take a working instance out.
        if (failures >= 2 && !allFailing) this.takeOut(origin, 'its health check failed twice');
      }
    } finally {
      this.checking = false;
    }
  }

  private async healthy(origin: string): Promise<boolean> {
    try {
      const response = await request(`${origin}${this.options.healthPath ?? '/readyz'}`, {
        signal: AbortSignal.timeout(1500),
        headers: { accept: 'application/json' },
      });
      await response.body.dump();
      return response.statusCode >= 200 && response.statusCode < 300;
    } catch {
      return false;
    }
  }
}

function describe(error: unknown): string {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if ('code' in e && typeof e.code === 'string') return `it refused the connection (${e.code})`;
  }
  return 'it refused the connection';
}
