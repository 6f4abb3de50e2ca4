-- Per-account sign-in failures slow guessing down instead of locking the owner out: past the free
-- attempts of a window, the next attempt is refused until `blocked_until` (a delay that doubles
-- with each attempt, up to a cap).
ALTER TABLE throttle ADD COLUMN blocked_until timestamptz;

-- Mailed one-time links that clear an account's failed sign-ins (POST /api/v1/auth/unlock).
ALTER TABLE email_tokens DROP CONSTRAINT email_tokens_purpose_known;
ALTER TABLE email_tokens ADD CONSTRAINT email_tokens_purpose_known
  CHECK (purpose IN ('verify_email', 'reset_password', 'unlock'));
