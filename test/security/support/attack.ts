/**
 * What every attack of the security suite shares: the stack it attacks (one per suite file,
 * started by the launcher, reached through its gateway), calls made as one client address among
 * many, and a line printed for each thing tried, so a run shows what was attempted and what
 * the shop answered.
 */
import type { TestContext } from 'node:test';
import type { Answer, CallOptions, Shop } from '../../e2e/support/shop.js';

/** A group of attacks on one area, registered inside the suite's `describe` once its stack is up. */
export interface AttackGroup {
  name: string;
  /** Environment every service of the suite's stack gets (lowered caps, so a test can reach them). */
  env?: Record<string, string>;
  /** Registers the group's tests (`it`/`test`); `shop()` is the running stack. */
  register(shop: () => Shop): void;
}

/**
 * Prints one line under the running test: what was tried and what came back. The spec reporter
 * shows it as `ℹ tried: …`.
 */
export function tried(t: TestContext, attack: string, outcome: string): void {
  t.diagnostic(`tried: ${attack} → ${outcome}`);
}

export interface Client {
  address: string;
  call(method: string, path: string, options?: CallOptions): Promise<Answer>;
}

/**
 * Calls through the gateway as the client at `address`: the suite's gateway trusts the test
 * process as a proxy (TRUSTED_PROXIES=127.0.0.1), so X-Forwarded-For names the client, as a load
 * balancer in front of the gateway would. Each attack uses addresses of its own.
 */
export function asClient(shop: Shop, address: string): Client {
  return {
    address,
    call: (method, path, options = {}) =>
      shop.call(method, path, {
        ...options,
        headers: { ...options.headers, 'x-forwarded-for': address },
      }),
  };
}

/** Environment of the suite's stack: the gateway believes X-Forwarded-For from the test process. */
export const SUITE_ENV: Record<string, string> = { TRUSTED_PROXIES: '127.0.0.1' };
