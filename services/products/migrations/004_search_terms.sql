-- The words of active products, for typo correction: a query word that is not here is
-- replaced by the most similar word that is (trigram similarity), so "hedphones" searches
-- for "headphones" with the exact, indexed full-text match. Kept by statement triggers so
-- no write path can forget it; words of drafts stay out (they would leak unreleased names).
CREATE TABLE search_terms (
  term  text PRIMARY KEY
);
CREATE INDEX search_terms_trigram ON search_terms USING gin (term gin_trgm_ops);

CREATE FUNCTION remember_search_terms() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_terms (term)
  SELECT DISTINCT word
  FROM changed_products p,
       regexp_split_to_table(lower(p.name || ' ' || p.brand || ' ' || p.description), '[^[:alnum:]]+') AS word
  WHERE p.status = 'active' AND length(word) BETWEEN 3 AND 40
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE TRIGGER products_terms_on_insert AFTER INSERT ON products
  REFERENCING NEW TABLE AS changed_products
  FOR EACH STATEMENT EXECUTE FUNCTION remember_search_terms();
CREATE TRIGGER products_terms_on_update AFTER UPDATE ON products
  REFERENCING NEW TABLE AS changed_products
  FOR EACH STATEMENT EXECUTE FUNCTION remember_search_terms();
