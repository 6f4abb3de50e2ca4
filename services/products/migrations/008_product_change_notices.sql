-- Every replica keeps the products it served lately in memory (src/data/product-cache.ts).
-- Whatever a product page shows lives in products, inventory and rating_summaries; a change to
-- any of them is announced on the product_changed channel when it commits, naming the products
-- (or '*' for a large batch or a TRUNCATE), so every replica forgets them. Triggers, so no write path (nor a
-- hand-written UPDATE) can forget to announce.

CREATE FUNCTION announce_product_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed_ids text;
BEGIN
  IF TG_TABLE_NAME = 'products' THEN
    SELECT CASE WHEN count(*) > 100 THEN '*' ELSE string_agg(DISTINCT id::text, ',') END
      INTO changed_ids FROM changed;
  ELSE
    SELECT CASE WHEN count(*) > 100 THEN '*' ELSE string_agg(DISTINCT product_id::text, ',') END
      INTO changed_ids FROM changed;
  END IF;
  IF changed_ids IS NOT NULL THEN
    PERFORM pg_notify('product_changed', changed_ids);
  END IF;
  RETURN NULL;
END $$;

-- A transition table serves one event only, hence one trigger per table and event.
CREATE TRIGGER products_announce_update AFTER UPDATE ON products
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION announce_product_changes();
CREATE TRIGGER products_announce_delete AFTER DELETE ON products
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION announce_product_changes();
CREATE TRIGGER inventory_announce_update AFTER UPDATE ON inventory
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION announce_product_changes();
CREATE TRIGGER inventory_announce_delete AFTER DELETE ON inventory
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION announce_product_changes();
CREATE TRIGGER rating_summaries_announce_update AFTER UPDATE ON rating_summaries
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION announce_product_changes();
CREATE TRIGGER rating_summaries_announce_delete AFTER DELETE ON rating_summaries
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION announce_product_changes();

CREATE FUNCTION announce_all_products_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('product_changed', '*');
  RETURN NULL;
END $$;

-- TRUNCATE (the seed's `replace`) fires no row or transition-table trigger of its own.
CREATE TRIGGER products_announce_truncate AFTER TRUNCATE ON products
  FOR EACH STATEMENT EXECUTE FUNCTION announce_all_products_changed();
CREATE TRIGGER inventory_announce_truncate AFTER TRUNCATE ON inventory
  FOR EACH STATEMENT EXECUTE FUNCTION announce_all_products_changed();
CREATE TRIGGER rating_summaries_announce_truncate AFTER TRUNCATE ON rating_summaries
  FOR EACH STATEMENT EXECUTE FUNCTION announce_all_products_changed();
