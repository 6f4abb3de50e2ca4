-- The client address a session was started from, as the sign-in budgets count it (an IPv4
-- address, an IPv6 /64): an address where the owner signed in lately is not held back by the
-- account-wide delay that distributed guessing earns (see domain/authentication.ts). Sessions
-- from before have none and make no address known: the owner's next sign-in does.
ALTER TABLE sessions ADD COLUMN client_key text;
CREATE INDEX sessions_user_client ON sessions (user_id, client_key) WHERE client_key IS NOT NULL;
