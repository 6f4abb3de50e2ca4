-- Every attribute as "name=value", lowercased, so attr.<name>=<value> filters are answered
-- by a GIN index instead of reading the JSON of every product.
CREATE FUNCTION attribute_terms(attributes jsonb) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(lower(key || '=' || value) ORDER BY key), '{}') FROM jsonb_each_text(attributes)
$$;

ALTER TABLE products
  ADD COLUMN attribute_terms text[] GENERATED ALWAYS AS (attribute_terms(attributes)) STORED;
CREATE INDEX products_attribute_terms ON products USING gin (attribute_terms);
