-- A cart is the set of a user's cart items: no row of its own is needed.
CREATE TABLE cart_items (
  user_id     text NOT NULL,
  product_id  uuid NOT NULL,
  quantity    integer NOT NULL CHECK (quantity BETWEEN 1 AND 999),
  added_at    timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, product_id)
);
CREATE INDEX cart_items_product ON cart_items (product_id);
