-- Search reads only `products`. The stock and rating facts it filters, sorts and counts on
-- are copied onto each product by triggers (they change rarely: in_stock only when
-- available crosses zero), and the facet counts of the whole catalog are kept
-- pre-aggregated in facet_counts, so browsing 100,000 products never counts them one by one.
-- Triggers keep this derived data, so no write path can forget it.

ALTER TABLE products
  ADD COLUMN in_stock boolean NOT NULL DEFAULT false,
  ADD COLUMN rating_average numeric(3, 2) NOT NULL DEFAULT 0,
  ADD COLUMN review_count integer NOT NULL DEFAULT 0;

UPDATE products p SET in_stock = i.available > 0 FROM inventory i WHERE i.product_id = p.id;
UPDATE products p SET rating_average = r.average, review_count = r.review_count
FROM rating_summaries r WHERE r.product_id = p.id;

CREATE INDEX products_active_rating ON products (rating_average DESC, review_count DESC, id DESC)
  WHERE status = 'active';

CREATE FUNCTION copy_stock_to_products() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE products p SET in_stock = s.available > 0
  FROM changed_stock s
  WHERE p.id = s.product_id AND p.in_stock IS DISTINCT FROM (s.available > 0);
  RETURN NULL;
END $$;
CREATE TRIGGER inventory_to_products_on_insert AFTER INSERT ON inventory
  REFERENCING NEW TABLE AS changed_stock FOR EACH STATEMENT EXECUTE FUNCTION copy_stock_to_products();
CREATE TRIGGER inventory_to_products_on_update AFTER UPDATE ON inventory
  REFERENCING NEW TABLE AS changed_stock FOR EACH STATEMENT EXECUTE FUNCTION copy_stock_to_products();

CREATE FUNCTION copy_ratings_to_products() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE products p SET rating_average = r.average, review_count = r.review_count
  FROM changed_ratings r
  WHERE p.id = r.product_id
    AND (p.rating_average, p.review_count) IS DISTINCT FROM (r.average, r.review_count);
  RETURN NULL;
END $$;
CREATE TRIGGER ratings_to_products_on_insert AFTER INSERT ON rating_summaries
  REFERENCING NEW TABLE AS changed_ratings FOR EACH STATEMENT EXECUTE FUNCTION copy_ratings_to_products();
CREATE TRIGGER ratings_to_products_on_update AFTER UPDATE ON rating_summaries
  REFERENCING NEW TABLE AS changed_ratings FOR EACH STATEMENT EXECUTE FUNCTION copy_ratings_to_products();

-- Lower bounds of the price bands in minor units; PRICE_BANDS in domain/product-search.ts
-- must say the same (a test checks they agree).
CREATE FUNCTION price_band(price bigint) RETURNS smallint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT width_bucket(price, '{0, 2500, 5000, 10000, 25000, 50000, 100000, 250000}'::bigint[])::smallint
$$;

-- How many products have each combination of the facet values. A search without words
-- and attribute filters sums these few thousand rows instead of scanning the catalog.
CREATE TABLE facet_counts (
  status        text NOT NULL,
  category_id   uuid NOT NULL,
  brand         text NOT NULL,
  price_band    smallint NOT NULL,
  rating_floor  smallint NOT NULL,
  in_stock      boolean NOT NULL,
  -- No CHECK (products >= 0): an upsert's proposed row is checked before its conflict is
  -- found, so subtracting through ON CONFLICT would trip it. The triggers keep it exact.
  products      integer NOT NULL,
  PRIMARY KEY (status, category_id, brand, price_band, rating_floor, in_stock)
);

INSERT INTO facet_counts
SELECT status, category_id, brand, price_band(price), floor(rating_average)::smallint, in_stock, count(*)
FROM products GROUP BY 1, 2, 3, 4, 5, 6;

-- Net change per combination, written in key order so concurrent writers lock rows in one order.
CREATE FUNCTION count_facets_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO facet_counts AS f
  SELECT status, category_id, brand, price_band(price), floor(rating_average)::smallint, in_stock, count(*)
  FROM new_products GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (status, category_id, brand, price_band, rating_floor, in_stock)
  DO UPDATE SET products = f.products + excluded.products;
  RETURN NULL;
END $$;

CREATE FUNCTION count_facets_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO facet_counts AS f
  SELECT status, category_id, brand, band, rating_floor, in_stock, sum(delta)
  FROM (
    SELECT status, category_id, brand, price_band(price) AS band,
           floor(rating_average)::smallint AS rating_floor, in_stock, 1 AS delta
    FROM new_products
    UNION ALL
    SELECT status, category_id, brand, price_band(price), floor(rating_average)::smallint, in_stock, -1
    FROM old_products
  ) change
  GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (status, category_id, brand, price_band, rating_floor, in_stock)
  DO UPDATE SET products = f.products + excluded.products;
  RETURN NULL;
END $$;

CREATE TRIGGER products_facets_on_insert AFTER INSERT ON products
  REFERENCING NEW TABLE AS new_products FOR EACH STATEMENT EXECUTE FUNCTION count_facets_on_insert();
CREATE TRIGGER products_facets_on_update AFTER UPDATE ON products
  REFERENCING OLD TABLE AS old_products NEW TABLE AS new_products
  FOR EACH STATEMENT EXECUTE FUNCTION count_facets_on_update();
