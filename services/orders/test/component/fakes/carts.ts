import type { CartLine, CartPlan, CartStore } from '../../../src/domain/ports.js';
import type { Power } from './power.js';

/** Customers' carts: lines per user, changed under the plan as CartRepository changes them. */
export class FakeCartStore implements CartStore {
  private readonly carts = new Map<string, CartLine[]>();

  constructor(private readonly power: Power) {}

  /** Puts lines in a cart directly (test setup). */
  fill(userId: string, lines: { productId: string; quantity: number }[]): void {
    this.carts.set(
      userId,
      lines.map((line) => ({ ...line, added: null })),
    );
  }

  async items(userId: string): Promise<CartLine[]> {
    this.power.assertUp();
    return structuredClone(this.carts.get(userId) ?? []);
  }

  async change<T>(userId: string, plan: (lines: CartLine[]) => CartPlan<T>) {
    this.power.assertUp();
    const now = await this.items(userId);
    const { writes, result } = plan(now);
    for (const write of writes) {
      const existing = now.find((line) => line.productId === write.productId);
      if (existing) existing.quantity = write.quantity;
      else now.push(structuredClone(write));
    }
    this.carts.set(userId, now);
    return { lines: structuredClone(now), result };
  }

  async remove(userId: string, productId: string): Promise<boolean> {
    this.power.assertUp();
    const lines = this.carts.get(userId) ?? [];
    const left = lines.filter((line) => line.productId !== productId);
    this.carts.set(userId, left);
    return left.length !== lines.length;
  }

  async clear(userId: string, productIds?: string[]): Promise<void> {
    this.power.assertUp();
    if (!productIds) this.carts.delete(userId);
    else
      this.carts.set(
        userId,
        (this.carts.get(userId) ?? []).filter((l) => !productIds.includes(l.productId)),
      );
  }

  /** What the order store does when a cart order is paid (in the same transaction). */
  async clearAsOrdered(userId: string, productIds: string[]): Promise<void> {
    await this.clear(userId, productIds);
  }
}
