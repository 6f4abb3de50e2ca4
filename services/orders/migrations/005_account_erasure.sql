-- Accounts deleted at users (user.deleted.v1). The row is what catches late writes: a checkout with
-- a still-valid access token is refused, and the erasure is looked at again (`check_at`) until the
-- account has no order left to anonymise and tokens issued before the deletion have expired.
CREATE TABLE erased_accounts (
  user_id   text PRIMARY KEY,
  erased_at timestamptz NOT NULL DEFAULT now(),
  check_at  timestamptz NOT NULL DEFAULT now(),
  done_at   timestamptz
);
CREATE INDEX erased_accounts_due ON erased_accounts (check_at) WHERE done_at IS NULL;

-- An anonymised order keeps amounts, lines and statuses (the shop's accounts) and loses the address.
ALTER TABLE orders
  ADD COLUMN anonymised_at timestamptz,
  ALTER COLUMN shipping_address DROP NOT NULL,
  ADD CONSTRAINT orders_address_until_anonymised
    CHECK ((shipping_address IS NULL) = (anonymised_at IS NOT NULL));
