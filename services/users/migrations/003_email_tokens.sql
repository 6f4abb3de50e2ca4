-- Single-use links sent by mail (email verification, password reset), stored hashed.
-- `email` is the address the link was sent to: it only acts while that address is
-- still the account's (or its pending new) address.
CREATE TABLE email_tokens (
  token_hash  bytea PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES users (id),
  purpose     text NOT NULL,
  email       text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  CONSTRAINT email_tokens_purpose_known CHECK (purpose IN ('verify_email', 'reset_password'))
);
CREATE INDEX email_tokens_of_user ON email_tokens (user_id, purpose);
CREATE INDEX email_tokens_expiry ON email_tokens (expires_at);
