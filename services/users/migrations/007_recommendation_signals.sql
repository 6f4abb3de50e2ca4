-- The recommendation model: projections of other services' events, rebuilt idempotently
-- (a repeated event, or the same fact told twice, changes nothing; any order gives the same
-- rows). Nothing here is read by another service.

-- Forward decay: a purchase at time t weighs 2^((t - 2025-01-01) / 60 days). Sums of these
-- compare like sums of "decayed as of now" weights (the common factor 2^(-now/60 days)
-- cancels), and numeric sums are exact, so the totals do not depend on the order of events.
CREATE FUNCTION recency_weight(at timestamptz) RETURNS numeric
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN round(power(2::numeric, (extract(epoch FROM at) - 1735689600) / (60 * 86400)::numeric), 12);

-- What this service knows of products: from product.* events (version >= 1), or filled from
-- the products batch lookup when no event told (version 0; the demo seed writes no events).
-- A product known only from its deletion has no name, category or brand.
CREATE TABLE catalog_products (
  product_id   uuid PRIMARY KEY,
  name         text,
  category_id  text,
  brand        text,
  status       text NOT NULL,
  version      integer NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX catalog_products_category ON catalog_products (category_id) WHERE status = 'active';
CREATE INDEX catalog_products_brand ON catalog_products (brand) WHERE status = 'active';

-- Paid order lines (order.paid.v1): a set keyed by order and product.
CREATE TABLE purchases (
  order_id    text NOT NULL,
  product_id  uuid NOT NULL,
  user_id     uuid NOT NULL,
  quantity    integer NOT NULL,
  paid_at     timestamptz NOT NULL,
  PRIMARY KEY (order_id, product_id)
);
CREATE INDEX purchases_of_user ON purchases (user_id, paid_at DESC);

-- "Customers who bought X also bought Y": each pair of one customer's purchase lines (a year
-- apart at most) adds the recency weight of the later one, once, when the later-arriving of
-- the two is recorded.
CREATE TABLE item_pairs (
  product_id  uuid NOT NULL,
  related_id  uuid NOT NULL,
  score       numeric NOT NULL,
  PRIMARY KEY (product_id, related_id)
);
CREATE INDEX item_pairs_strongest ON item_pairs (product_id, score DESC);

-- Sum of the recency weights of a product's purchase lines.
CREATE TABLE product_popularity (
  product_id  uuid PRIMARY KEY,
  score       numeric NOT NULL
);
CREATE INDEX product_popularity_top ON product_popularity (score DESC);

-- Reviews (review.created.v1 / review.deleted.v1). A deletion that arrives first leaves a
-- tombstone that the late creation completes (rating, time) but cannot revive.
CREATE TABLE review_signals (
  review_id    text PRIMARY KEY,
  user_id      uuid NOT NULL,
  product_id   uuid NOT NULL,
  rating       smallint,
  reviewed_at  timestamptz NOT NULL,
  deleted      boolean NOT NULL DEFAULT false
);
CREATE INDEX review_signals_of_user ON review_signals (user_id) WHERE NOT deleted;
