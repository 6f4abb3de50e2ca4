-- Stock per product. The CHECK constraints are the last line against overselling:
-- whatever the code does, the database refuses reserved > on_hand or negative counts.
CREATE TABLE inventory (
  product_id  uuid PRIMARY KEY REFERENCES products (id),
  on_hand     integer NOT NULL DEFAULT 0 CONSTRAINT inventory_on_hand_not_negative CHECK (on_hand >= 0),
  reserved    integer NOT NULL DEFAULT 0 CONSTRAINT inventory_reserved_not_negative CHECK (reserved >= 0),
  available   integer GENERATED ALWAYS AS (on_hand - reserved) STORED,
  -- Bumped on every change: part of the product ETag, so a 304 never hides a stock change.
  version     integer NOT NULL DEFAULT 1,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT inventory_not_oversold CHECK (reserved <= on_hand)
);

-- One row per order id, whatever happened to it: a retry replays the stored outcome,
-- and a release of an unknown order leaves a tombstone that refuses a late reserve.
CREATE TABLE reservations (
  order_id    text PRIMARY KEY,
  status      text NOT NULL
              CHECK (status IN ('held', 'committed', 'released', 'expired', 'rejected', 'restocked')),
  expires_at  timestamptz,
  -- The refusal (problem code and unavailable lines) replayed on retries of a rejected reserve.
  rejection   jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'held' OR expires_at IS NOT NULL),
  CHECK ((status = 'rejected') = (rejection IS NOT NULL))
);
CREATE INDEX reservations_held_expiry ON reservations (expires_at) WHERE status = 'held';

-- Lines as requested. No foreign key to products: a rejected request may name
-- products that do not exist, and its lines are kept to recognise retries.
CREATE TABLE reservation_lines (
  order_id    text NOT NULL REFERENCES reservations (order_id),
  product_id  uuid NOT NULL,
  quantity    integer NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (order_id, product_id)
);

-- The audit trail: one row per product per stock change, with the counts after it.
CREATE TABLE stock_movements (
  id              bigserial PRIMARY KEY,
  product_id      uuid NOT NULL REFERENCES products (id),
  reason          text NOT NULL
                  CHECK (reason IN ('adjusted', 'reserved', 'committed', 'released', 'expired', 'restocked')),
  on_hand_delta   integer NOT NULL,
  reserved_delta  integer NOT NULL,
  on_hand         integer NOT NULL,
  reserved        integer NOT NULL,
  order_id        text,
  actor           text NOT NULL,
  note            text,
  at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stock_movements_product ON stock_movements (product_id, id);
