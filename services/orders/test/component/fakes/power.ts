/** Thrown where a test crashes orders (the process dies: nothing after it runs, nothing is cleaned up). */
export class Crash extends Error {
  constructor(readonly point: string) {
    super(`crashed at ${point}`);
  }
}

/**
 * Whether the orders process is up. Its own stores (orders, leases, keys, cart) refuse every call
 * while it is down, as a dead process writes nothing: the lease it held stays until it runs out.
 * The neighbours (products, the payment gateway) are other processes and keep working.
 */
export class Power {
  down = false;

  assertUp(): void {
    if (this.down) throw new Crash('a store call after the crash');
  }
}
