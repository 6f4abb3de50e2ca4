import { PeriodicTask } from '@shop/platform';
import type { OrderSaga } from '../domain/order-saga.js';
import type { SagaLeases } from '../domain/ports.js';

export interface SagaRecoveryDeps {
  saga: Pick<OrderSaga, 'drive'>;
  leases: Pick<SagaLeases, 'claimDue'>;
  owner: string;
  intervalMs: number;
  leaseSeconds: number;
  /** Orders driven at once by this replica. */
  concurrency?: number;
  /** Work that moves orders too, done before each pass (account erasures cancel open orders). */
  beforePass?: () => Promise<void>;
  /** Other periodic housekeeping (forgetting old idempotency keys), hourly. */
  housekeeping?: () => Promise<void>;
  log: { warn(details: object, message: string): void };
}

/**
 * Drives every order whose saga has work due: at start (what a crashed replica left behind) and
 * every `intervalMs`. Orders are claimed with a lease (FOR UPDATE SKIP LOCKED), so any number of
 * replicas share the work without driving one order twice.
 */
export class SagaRecovery {
  private readonly passes: PeriodicTask;
  private lastHousekeeping = 0;

  constructor(private readonly deps: SagaRecoveryDeps) {
    this.passes = new PeriodicTask({
      name: 'saga recovery pass',
      intervalMs: deps.intervalMs,
      log: deps.log,
      runAtStart: true,
      run: () => this.runOnce(),
    });
  }

  start(): void {
    this.passes.start();
  }

  stop(): Promise<void> {
    return this.passes.stop();
  }

  /** One pass now (tests, and right after start). */
  async runOnce(): Promise<void> {
    const { saga, leases, owner, leaseSeconds } = this.deps;
    const batch = (this.deps.concurrency ?? 4) * 4;
    await this.deps
      .beforePass?.()
      .catch((error: unknown) => this.deps.log.warn({ err: error }, 'work before the recovery pass failed'));
    for (;;) {
      const ids = await leases.claimDue(owner, batch, leaseSeconds);
      await pool(ids, this.deps.concurrency ?? 4, (id) => saga.drive(id, { leased: true, poll: true }));
      if (ids.length < batch || !this.passes.active) break;
    }
    if (this.deps.housekeeping && Date.now() - this.lastHousekeeping > 3_600_000) {
      this.lastHousekeeping = Date.now();
      await this.deps.housekeeping();
    }
  }
}

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}
