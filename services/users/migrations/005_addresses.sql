CREATE TABLE addresses (
  id           uuid PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES users (id),
  name         text NOT NULL,
  line1        text NOT NULL,
  line2        text,
  city         text NOT NULL,
  region       text,
  postal_code  text NOT NULL,
  country      char(2) NOT NULL,
  phone        text,
  is_default   boolean NOT NULL DEFAULT false,
  created_at   timestamptz(3) NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX addresses_of_user ON addresses (user_id, created_at, id);
-- At most one default address per user, whatever the races.
CREATE UNIQUE INDEX addresses_one_default ON addresses (user_id) WHERE is_default;
