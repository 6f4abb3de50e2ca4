import type { Order } from '../../src/domain/order.js';

export function anOrder(overrides: Partial<Order> = {}): Order {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    userId: 'user-1',
    status: 'awaiting_payment',
    currency: 'EUR',
    subtotal: 2000,
    shipping: 499,
    total: 2499,
    anonymisedAt: null,
    shippingAddress: {
      name: 'Ada',
      line1: '1 Main St',
      line2: null,
      city: 'Paris',
      postalCode: '75001',
      region: null,
      country: 'FR',
      phone: null,
    },
    fromCart: true,
    lines: [
      {
        productId: '00000000-0000-4000-8000-00000000000a',
        name: 'Mug',
        unitPrice: 1000,
        quantity: 2,
        lineTotal: 2000,
      },
    ],
    payment: {
      method: 'pm_card_visa',
      status: 'pending',
      intentId: null,
      nextAction: null,
      failure: null,
      refundId: null,
    },
    stock: 'held',
    tracking: null,
    sagaStep: 'pay',
    version: 3,
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-01T00:00:00Z'),
    expiresAt: new Date(Date.now() + 600_000),
    ...overrides,
  };
}
