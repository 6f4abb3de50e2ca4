CREATE TABLE favorites (
  user_id     uuid NOT NULL REFERENCES users (id),
  product_id  uuid NOT NULL,
  created_at  timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, product_id)
);
-- The list: newest first, keyset on (created_at, product_id).
CREATE INDEX favorites_newest ON favorites (user_id, created_at DESC, product_id DESC);
-- product.deleted.v1 drops the product from everyone's favorites.
CREATE INDEX favorites_of_product ON favorites (product_id);
