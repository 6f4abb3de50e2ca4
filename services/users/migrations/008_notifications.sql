-- Mails owed to users for what happened elsewhere (an order paid, shipped or delivered; a
-- favorite back in stock). One row per fact, so an event delivered twice, or two events telling
-- the same fact, owe one mail. Written by the event consumers in their transaction, sent by the
-- notification worker, which reads the address at sending time.
CREATE TABLE notifications (
  fact             text PRIMARY KEY,
  user_id          uuid NOT NULL,
  kind             text NOT NULL,
  details          jsonb NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  sent_at          timestamptz,
  failed_at        timestamptz,
  last_error       text,
  CONSTRAINT notifications_kind_known CHECK (
    kind IN ('order_paid', 'order_shipped', 'order_delivered', 'back_in_stock')
  )
);
CREATE INDEX notifications_due ON notifications (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX notifications_of_user ON notifications (user_id);

-- When a user was last told that a favorite came back in stock: one restock is one mail,
-- whatever the number of events about it, and stock that flaps does not flood the inbox.
CREATE TABLE stock_alerts (
  user_id     uuid NOT NULL,
  product_id  uuid NOT NULL,
  alerted_at  timestamptz NOT NULL,
  PRIMARY KEY (user_id, product_id)
);
