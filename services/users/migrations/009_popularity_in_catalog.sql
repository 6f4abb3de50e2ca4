-- Popularity moves into catalog_products, so that "the best sellers of this category (or brand)"
-- is one index range (category, popularity) instead of a scan of the whole category. A product
-- bought before any event or lookup told about it gets a row with status 'unknown' (version 0):
-- the first event or lookup completes it, and popularity is never touched by either.
ALTER TABLE catalog_products ADD COLUMN popularity numeric NOT NULL DEFAULT 0;
INSERT INTO catalog_products (product_id, status, version, popularity)
SELECT product_id, 'unknown', 0, score FROM product_popularity
ON CONFLICT (product_id) DO UPDATE SET popularity = excluded.popularity;
DROP TABLE product_popularity;

DROP INDEX catalog_products_category;
DROP INDEX catalog_products_brand;
CREATE INDEX catalog_products_category ON catalog_products (category_id, popularity DESC, product_id)
  WHERE status = 'active';
CREATE INDEX catalog_products_brand ON catalog_products (brand, popularity DESC, product_id)
  WHERE status = 'active';
CREATE INDEX catalog_products_best_sellers ON catalog_products (popularity DESC, product_id)
  WHERE status IN ('active', 'unknown');

-- A product's strongest neighbours, read from the index alone.
DROP INDEX item_pairs_strongest;
CREATE INDEX item_pairs_strongest ON item_pairs (product_id, score DESC) INCLUDE (related_id);
