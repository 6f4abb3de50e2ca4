-- Categories form a tree; products belong to one category and are never hard-deleted
-- (archived instead), so orders, reviews and audit rows can always point at them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE categories (
  id          uuid PRIMARY KEY,
  parent_id   uuid REFERENCES categories (id),
  name        text NOT NULL,
  slug        text NOT NULL CONSTRAINT categories_slug_key UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT categories_not_own_parent CHECK (parent_id <> id)
);
CREATE INDEX categories_parent ON categories (parent_id);

CREATE TABLE products (
  id          uuid PRIMARY KEY,
  sku         text NOT NULL CONSTRAINT products_sku_key UNIQUE,
  slug        text NOT NULL CONSTRAINT products_slug_key UNIQUE,
  name        text NOT NULL,
  description text NOT NULL,
  price       bigint NOT NULL CHECK (price >= 0),
  currency    text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  category_id uuid NOT NULL REFERENCES categories (id),
  brand       text NOT NULL,
  attributes  jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attributes) = 'object'),
  images      text[] NOT NULL DEFAULT '{}',
  status      text NOT NULL CHECK (status IN ('draft', 'active', 'archived')),
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  -- Name weighs most, then brand, then description: what ts_rank_cd ranks by.
  search      tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('english', name), 'A') ||
                setweight(to_tsvector('english', brand), 'B') ||
                setweight(to_tsvector('english', description), 'C')) STORED
);
CREATE INDEX products_search ON products USING gin (search);
CREATE INDEX products_category ON products (category_id);
-- Listings without a text query page through active products newest first or by price.
CREATE INDEX products_active_newest ON products (created_at DESC, id DESC) WHERE status = 'active';
CREATE INDEX products_active_price ON products (price, id) WHERE status = 'active';
