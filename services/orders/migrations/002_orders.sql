CREATE TABLE orders (
  id                  uuid PRIMARY KEY,
  user_id             text NOT NULL,
  status              text NOT NULL CHECK (status IN ('pending', 'awaiting_payment', 'paid', 'shipped',
                        'delivered', 'rejected', 'payment_failed', 'cancelled', 'refunded')),
  currency            char(3) NOT NULL,
  subtotal            bigint NOT NULL CHECK (subtotal >= 0),
  shipping            bigint NOT NULL CHECK (shipping >= 0),
  total               bigint NOT NULL CHECK (total = subtotal + shipping),
  shipping_address    jsonb NOT NULL,
  from_cart           boolean NOT NULL,
  -- Payment facts, as last seen at the payment gateway.
  payment_method      text NOT NULL,
  payment_status      text NOT NULL DEFAULT 'pending' CHECK (payment_status IN ('pending', 'requires_action',
                        'processing', 'succeeded', 'failed', 'canceled', 'refunded')),
  payment_intent_id   text UNIQUE,
  payment_next_action jsonb,
  payment_failure     text,
  refund_id           text,
  -- Stock facts, as last seen at products.
  stock               text NOT NULL DEFAULT 'none' CHECK (stock IN ('none', 'held', 'committed', 'released',
                        'restocked')),
  tracking_carrier    text,
  tracking_number     text,
  -- The saga: what must happen next, when to look again, and who is doing it (a lease, so
  -- replicas never drive one order at once and a crashed replica's orders are picked up).
  saga_step           text NOT NULL CHECK (saga_step IN ('reserve', 'pay', 'await_payment', 'commit', 'void',
                        'refund', 'done')),
  saga_attempts       integer NOT NULL DEFAULT 0,
  saga_error          text,
  wake_at             timestamptz,
  lease_owner         text,
  lease_until         timestamptz,
  version             integer NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  expires_at          timestamptz NOT NULL
);
CREATE INDEX orders_user_created ON orders (user_id, created_at DESC, id DESC);
CREATE INDEX orders_created ON orders (created_at DESC, id DESC);
CREATE INDEX orders_status_created ON orders (status, created_at DESC, id DESC);
CREATE INDEX orders_saga_due ON orders (wake_at) WHERE wake_at IS NOT NULL;

CREATE TABLE order_lines (
  order_id    uuid NOT NULL REFERENCES orders (id),
  line_no     integer NOT NULL,
  product_id  uuid NOT NULL,
  name        text NOT NULL,
  unit_price  bigint NOT NULL CHECK (unit_price >= 0),
  quantity    integer NOT NULL CHECK (quantity >= 1),
  line_total  bigint NOT NULL CHECK (line_total = unit_price * quantity),
  PRIMARY KEY (order_id, line_no)
);

-- One row per transition; its id is the Server-Sent Events id (resumable with Last-Event-ID).
CREATE TABLE order_status_history (
  id        bigserial PRIMARY KEY,
  order_id  uuid NOT NULL REFERENCES orders (id),
  status    text NOT NULL,
  at        timestamptz NOT NULL DEFAULT now(),
  actor     text NOT NULL,
  reason    text,
  data      jsonb
);
CREATE INDEX order_status_history_order ON order_status_history (order_id, id);
