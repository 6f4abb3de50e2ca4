import type { IdempotencyKeys, IdempotencyRecord, StoredResponse } from '../../../src/domain/idempotency.js';
import type { KeyHolder } from '../../../src/domain/ports.js';
import type { FakeClock } from './clock.js';
import type { Power } from './power.js';

interface KeyRow extends IdempotencyRecord {
  holder: string;
}

/** Idempotency-Keys per customer, fenced by their holder as IdempotencyRepository fences them. */
export class FakeIdempotencyKeys implements IdempotencyKeys {
  private readonly rows = new Map<string, KeyRow>();

  constructor(
    private readonly clock: FakeClock,
    private readonly power: Power,
  ) {}

  async begin(userId: string, key: string, fingerprint: string, seconds: number, holder: string) {
    this.power.assertUp();
    const id = `${userId}/${key}`;
    if (this.rows.has(id)) return false;
    this.rows.set(id, {
      state: 'in_progress',
      fingerprint,
      lockedUntil: this.in(seconds),
      orderId: null,
      response: null,
      holder,
    });
    return true;
  }

  async find(userId: string, key: string): Promise<IdempotencyRecord | undefined> {
    this.power.assertUp();
    const row = this.rows.get(`${userId}/${key}`);
    if (!row) return undefined;
    const { holder: _holder, ...record } = structuredClone(row);
    return record;
  }

  async takeOver(userId: string, key: string, seconds: number, holder: string) {
    this.power.assertUp();
    const row = this.rows.get(`${userId}/${key}`);
    const free = !row?.lockedUntil || row.lockedUntil <= this.clock.now();
    if (!row || row.state !== 'in_progress' || row.orderId !== null || !free) return false;
    row.lockedUntil = this.in(seconds);
    row.holder = holder;
    return true;
  }

  async complete(userId: string, key: string, response: StoredResponse) {
    this.power.assertUp();
    const row = this.rows.get(`${userId}/${key}`);
    if (!row || row.state !== 'in_progress') return;
    // Stored as JSON, as the repository stores it.
    Object.assign(row, {
      state: 'completed',
      lockedUntil: null,
      response: JSON.parse(JSON.stringify(response)) as StoredResponse,
    });
  }

  async forget(userId: string, key: string, holder: string) {
    this.power.assertUp();
    const row = this.rows.get(`${userId}/${key}`);
    if (row && row.orderId === null && row.holder === holder) this.rows.delete(`${userId}/${key}`);
  }

  /** The order store links a new order to its key, while the request still holds it. */
  link(idempotency: KeyHolder, orderId: string): boolean {
    const row = this.rows.get(`${idempotency.userId}/${idempotency.key}`);
    if (!row || row.holder !== idempotency.holder || row.orderId !== null) return false;
    row.orderId = orderId;
    return true;
  }

  keysOf(userId: string): string[] {
    return [...this.rows.keys()].filter((id) => id.startsWith(`${userId}/`));
  }

  private in(seconds: number): Date {
    return new Date(this.clock.now().getTime() + seconds * 1000);
  }
}
