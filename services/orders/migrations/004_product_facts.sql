-- What the customer saw when a line went into the cart, so the cart can say what changed since.
-- NULL on lines added before this migration: they are simply never flagged.
ALTER TABLE cart_items
  ADD COLUMN added_name     text,
  ADD COLUMN added_price    bigint CHECK (added_price >= 0),
  ADD COLUMN added_currency char(3);

-- The catalog as product events told it (created, updated, price_changed, deleted). Each group of
-- fields keeps the value of the highest product version that carried it, so duplicated and
-- reordered events end in the same row. The cart falls back on it when products cannot answer.
CREATE TABLE product_facts (
  product_id      uuid PRIMARY KEY,
  name            text,
  name_version    integer NOT NULL DEFAULT 0,
  price           bigint CHECK (price >= 0),
  currency        char(3),
  price_version   integer NOT NULL DEFAULT 0,
  status          text CHECK (status IN ('draft', 'active', 'archived')),
  status_version  integer NOT NULL DEFAULT 0,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
