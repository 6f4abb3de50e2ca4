-- What this service keeps of other services' events (order.*, user.deleted). Each table is a
-- set of facts, so the same events in any order, delivered any number of times, leave the
-- same rows (see the Design section of the README).

-- One row per order seen: its products, whether it was bought (paid or delivered) and whether
-- it was revoked (cancelled or refunded). Both flags only ever turn on; the row lock of the
-- upsert that turns one on serialises the two, so a purchase counts exactly while bought and
-- not revoked, whichever event came first.
CREATE TABLE purchase_orders (
  order_id     text PRIMARY KEY,
  product_ids  uuid[] NOT NULL DEFAULT '{}',
  bought       boolean NOT NULL DEFAULT false,
  revoked      boolean NOT NULL DEFAULT false
);

-- "Bought together": for each product, how many counted orders also held the other one.
-- Adjusted by one per order when it starts or stops counting (guarded by purchase_orders),
-- so it counts distinct orders, never deliveries; a pair that drops to 0 is deleted. No
-- foreign keys: orders may name products this catalog no longer has; readers join products.
CREATE TABLE co_purchases (
  product_id  uuid NOT NULL,
  related_id  uuid NOT NULL,
  orders      integer NOT NULL CHECK (orders >= 0),
  PRIMARY KEY (product_id, related_id)
);
CREATE INDEX co_purchases_top ON co_purchases (product_id, orders DESC, related_id);

-- Accounts deleted in the user service: their id only (which the user service keeps too), so
-- that order events arriving after the erasure store nothing about them again.
CREATE TABLE forgotten_users (
  user_id       text PRIMARY KEY,
  forgotten_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX purchases_order ON purchases (order_id);
CREATE INDEX review_votes_user ON review_votes (user_id);

-- The related-products fallback: best-rated active products of a category or a brand.
CREATE INDEX products_active_category_rating ON products (category_id, rating_average DESC, review_count DESC, id DESC)
  WHERE status = 'active';
CREATE INDEX products_active_brand_rating ON products (brand, rating_average DESC, review_count DESC, id DESC)
  WHERE status = 'active';
