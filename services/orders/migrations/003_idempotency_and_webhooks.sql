-- Idempotency-Key of POST /orders, scoped to the user (Stripe semantics).
CREATE TABLE idempotency_keys (
  user_id          text NOT NULL,
  key              text NOT NULL,
  fingerprint      text NOT NULL,
  state            text NOT NULL CHECK (state IN ('in_progress', 'completed')),
  -- While in progress, the request that holds it; a crashed holder's key is taken over after this.
  locked_until     timestamptz,
  order_id         uuid REFERENCES orders (id),
  response_status  integer,
  response_body    jsonb,
  created_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- Stripe event ids already handled, written in the same transaction as their effect.
CREATE TABLE payment_webhook_events (
  event_id     text PRIMARY KEY,
  type         text NOT NULL,
  order_id     uuid,
  received_at  timestamptz NOT NULL DEFAULT now()
);
