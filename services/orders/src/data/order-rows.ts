import type { Order, OrderLine, ShippingAddress, NextAction } from '../domain/order.js';

/** The columns of an order as selected by ORDER_COLUMNS, lines aggregated as JSON. */
export interface OrderRow {
  id: string;
  user_id: string;
  status: Order['status'];
  currency: string;
  subtotal: number;
  shipping: number;
  total: number;
  shipping_address: ShippingAddress | null;
  anonymised_at: Date | null;
  from_cart: boolean;
  payment_method: string;
  payment_status: Order['payment']['status'];
  payment_intent_id: string | null;
  payment_next_action: NextAction | null;
  payment_failure: string | null;
  refund_id: string | null;
  stock: Order['stock'];
  tracking_carrier: string | null;
  tracking_number: string | null;
  saga_step: Order['sagaStep'];
  version: number;
  created_at: Date;
  updated_at: Date;
  expires_at: Date;
  lines: {
    product_id: string;
    name: string;
    unit_price: number;
    quantity: number;
    line_total: number;
  }[];
}

export const ORDER_COLUMNS = `o.id, o.user_id, o.status, o.currency, o.subtotal, o.shipping, o.total,
  o.shipping_address, o.anonymised_at, o.from_cart, o.payment_method, o.payment_status, o.payment_intent_id,
  o.payment_next_action, o.payment_failure, o.refund_id, o.stock, o.tracking_carrier, o.tracking_number,
  o.saga_step, o.version, o.created_at, o.updated_at, o.expires_at,
  (SELECT json_agg(json_build_object('product_id', l.product_id, 'name', l.name, 'unit_price', l.unit_price,
     'quantity', l.quantity, 'line_total', l.line_total) ORDER BY l.line_no)
   FROM order_lines l WHERE l.order_id = o.id) AS lines`;

export function toOrder(row: OrderRow): Order {
  return {
    id: row.id,
    userId: row.user_id,
    status: row.status,
    currency: row.currency,
    subtotal: row.subtotal,
    shipping: row.shipping,
    total: row.total,
    shippingAddress: row.shipping_address,
    anonymisedAt: row.anonymised_at,
    fromCart: row.from_cart,
    lines: (row.lines ?? []).map((line): OrderLine => ({
      productId: line.product_id,
      name: line.name,
      unitPrice: Number(line.unit_price),
      quantity: line.quantity,
      lineTotal: Number(line.line_total),
    })),
    payment: {
      method: row.payment_method,
      status: row.payment_status,
      intentId: row.payment_intent_id,
      nextAction: row.payment_next_action,
      failure: row.payment_failure,
      refundId: row.refund_id,
    },
    stock: row.stock,
    tracking:
      row.tracking_carrier && row.tracking_number
        ? { carrier: row.tracking_carrier, trackingNumber: row.tracking_number }
        : null,
    sagaStep: row.saga_step,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at,
  };
}
