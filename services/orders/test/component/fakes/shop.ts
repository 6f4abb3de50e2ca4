import { ManageOrder } from '../../../src/domain/manage-order.js';
import type { ShippingAddress } from '../../../src/domain/order.js';
import { OrderSaga } from '../../../src/domain/order-saga.js';
import { PaymentEvents, type PaymentEvent } from '../../../src/domain/payment-events.js';
import { PlaceOrder, type PlaceOrderRequest } from '../../../src/domain/place-order.js';
import type { FaultPoint } from '../../../src/domain/ports.js';
import { SagaRecovery } from '../../../src/workers/saga-recovery.js';
import { FakeCartStore } from './carts.js';
import { FakeClock } from './clock.js';
import { FakeIdempotencyKeys } from './idempotency-keys.js';
import { FakeAddressBook, FakeErasures, FakeLog } from './neighbours.js';
import { FakeOrderStore } from './order-store.js';
import { CARD, FakePayments } from './payments.js';
import { Crash, Power } from './power.js';
import { FakeProducts } from './products.js';

export const ADDRESS: ShippingAddress = {
  name: 'Ada Lovelace',
  line1: '1 Main St',
  line2: null,
  city: 'Paris',
  postalCode: '75001',
  region: null,
  country: 'FR',
  phone: null,
};

export const SETTINGS = {
  leaseSeconds: 30,
  pollSeconds: 60,
  reservationTtlSeconds: 900,
  paymentTimeoutSeconds: 600,
  lockSeconds: 30,
  shipping: { fee: 499, freeFrom: 5000 },
  unpaid: { orders: 3, units: 200 },
};

/**
 * Checkout and the order saga in this process, on fakes of every port: the order store (with its
 * version check and leases), Idempotency-Keys, the cart, products' catalog and reservations, the
 * payment gateway, users' address book, a clock that moves when told. `crashAt` kills "the process"
 * at a saga fault point; `restart` brings up another one (a new lease owner) on the same stores.
 */
export class Shop {
  readonly clock = new FakeClock();
  readonly power = new Power();
  readonly keys = new FakeIdempotencyKeys(this.clock, this.power);
  readonly carts = new FakeCartStore(this.power);
  readonly store = new FakeOrderStore({
    clock: this.clock,
    power: this.power,
    keys: this.keys,
    carts: this.carts,
    pollSeconds: SETTINGS.pollSeconds,
    leaseSeconds: SETTINGS.leaseSeconds,
  });
  readonly products = new FakeProducts(this.clock);
  readonly payments = new FakePayments();
  readonly addresses = new FakeAddressBook();
  readonly erasures = new FakeErasures();
  readonly log = new FakeLog();
  /** Saga fault points reached, in order (whether or not one crashed). */
  readonly reached: FaultPoint[] = [];
  private crashPoint: FaultPoint | undefined;
  private generation = 0;

  saga!: OrderSaga;
  placeOrder!: PlaceOrder;
  paymentEvents!: PaymentEvents;
  manage!: ManageOrder;
  recovery!: SagaRecovery;
  owner!: string;

  constructor() {
    this.boot();
  }

  /** The next time the saga reaches `point`, the process dies there. */
  crashAt(point: FaultPoint): void {
    this.crashPoint = point;
  }

  /** Another process comes up on the same stores, by default once the dead one's leases have run out. */
  restart(afterSeconds = SETTINGS.leaseSeconds + 1): void {
    this.clock.advance(afterSeconds);
    this.power.down = false;
    this.boot();
  }

  /** One pass of the recovery loop, as SagaRecovery runs it. */
  recover(): Promise<void> {
    return this.recovery.runOnce();
  }

  checkout(userId: string, request: Partial<PlaceOrderRequest> = {}, key = `key-${Math.random()}`) {
    return this.placeOrder.place(userId, key, {
      paymentMethod: CARD.ok,
      shippingAddress: ADDRESS,
      ...request,
    } as PlaceOrderRequest);
  }

  /** The gateway's webhook about an intent (the event only says "look at it"). */
  webhook(type: string, intentId: string, id = `evt_${Math.random()}`): Promise<string> {
    const event: PaymentEvent = { id, type, intentId, orderId: null };
    return this.paymentEvents.handle(event);
  }

  private boot(): void {
    this.owner = `replica-${++this.generation}`;
    const { store, keys, carts, products, payments, addresses, erasures, clock, log } = this;
    this.saga = new OrderSaga({
      store,
      leases: store.leases,
      inventory: products,
      payments,
      faults: (point) => {
        this.reached.push(point);
        if (point !== this.crashPoint) return;
        this.crashPoint = undefined;
        this.power.down = true;
        throw new Crash(point);
      },
      owner: this.owner,
      leaseSeconds: SETTINGS.leaseSeconds,
      reservationTtlSeconds: SETTINGS.reservationTtlSeconds,
      clock: clock.now,
      log,
    });
    this.placeOrder = new PlaceOrder({
      store,
      keys,
      carts,
      catalog: products,
      addresses,
      saga: this.saga,
      erasure: erasures,
      clock: clock.now,
      owner: this.owner,
      shipping: SETTINGS.shipping,
      paymentTimeoutSeconds: SETTINGS.paymentTimeoutSeconds,
      unpaid: SETTINGS.unpaid,
      lockSeconds: SETTINGS.lockSeconds,
      idempotencyWaitMs: 50,
    });
    this.paymentEvents = new PaymentEvents({ store, payments, saga: this.saga });
    this.manage = new ManageOrder({ store, saga: this.saga });
    this.recovery = new SagaRecovery({
      saga: this.saga,
      leases: store.leases,
      owner: this.owner,
      intervalMs: 60_000,
      leaseSeconds: SETTINGS.leaseSeconds,
      log,
    });
  }
}
