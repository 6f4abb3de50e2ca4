CREATE TABLE reviews (
  id                 uuid PRIMARY KEY,
  product_id         uuid NOT NULL REFERENCES products (id),
  user_id            text NOT NULL,
  author_name        text NOT NULL,
  rating             smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  title              text NOT NULL,
  body               text NOT NULL,
  verified_purchase  boolean NOT NULL DEFAULT false,
  helpful_count      integer NOT NULL DEFAULT 0 CHECK (helpful_count >= 0),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT reviews_one_per_user UNIQUE (product_id, user_id)
);
CREATE INDEX reviews_product_newest ON reviews (product_id, created_at DESC, id DESC);
CREATE INDEX reviews_user ON reviews (user_id);

CREATE TABLE review_votes (
  review_id   uuid NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
  user_id     text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (review_id, user_id)
);

-- The histogram is the only stored truth; count, sum and average derive from it, so
-- they cannot disagree. Writers change one bucket with a relative UPDATE, which takes
-- the row lock: concurrent reviews of one product serialise here and stay exact.
CREATE TABLE rating_summaries (
  product_id    uuid PRIMARY KEY REFERENCES products (id),
  stars_1       integer NOT NULL DEFAULT 0 CHECK (stars_1 >= 0),
  stars_2       integer NOT NULL DEFAULT 0 CHECK (stars_2 >= 0),
  stars_3       integer NOT NULL DEFAULT 0 CHECK (stars_3 >= 0),
  stars_4       integer NOT NULL DEFAULT 0 CHECK (stars_4 >= 0),
  stars_5       integer NOT NULL DEFAULT 0 CHECK (stars_5 >= 0),
  review_count  integer GENERATED ALWAYS AS (stars_1 + stars_2 + stars_3 + stars_4 + stars_5) STORED,
  average       numeric(3, 2) GENERATED ALWAYS AS (
                  CASE WHEN stars_1 + stars_2 + stars_3 + stars_4 + stars_5 = 0 THEN 0
                  ELSE round((stars_1 + 2 * stars_2 + 3 * stars_3 + 4 * stars_4 + 5 * stars_5)::numeric
                             / (stars_1 + stars_2 + stars_3 + stars_4 + stars_5), 2) END) STORED,
  -- Bumped on every change: part of the product ETag.
  version       integer NOT NULL DEFAULT 1
);

-- Who bought what, fed by order events (order.delivered.v1); a review is a verified
-- purchase when its author has a row here for the product.
CREATE TABLE purchases (
  user_id       text NOT NULL,
  product_id    uuid NOT NULL,
  order_id      text NOT NULL,
  purchased_at  timestamptz NOT NULL,
  PRIMARY KEY (user_id, product_id, order_id)
);
