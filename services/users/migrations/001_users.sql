-- Accounts. Emails are stored normalised (trimmed, NFKC, lower case), so the plain
-- unique constraint makes them unique case-insensitively. Deleted accounts keep their
-- row (orders refer to the id) with personal data replaced.
CREATE TABLE users (
  id              uuid PRIMARY KEY,
  email           text NOT NULL,
  email_verified  boolean NOT NULL DEFAULT false,
  pending_email   text,
  name            text NOT NULL,
  password_hash   text,
  roles           text[] NOT NULL DEFAULT '{customer}',
  status          text NOT NULL DEFAULT 'active',
  preferences     jsonb NOT NULL DEFAULT '{}',
  avatar_version  integer,
  created_at      timestamptz(3) NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  deleted_at      timestamptz,
  CONSTRAINT users_email_unique UNIQUE (email),
  CONSTRAINT users_status_known CHECK (status IN ('active', 'disabled', 'deleted')),
  CONSTRAINT users_roles_known CHECK (
    cardinality(roles) > 0 AND roles <@ ARRAY['customer', 'admin', 'support']::text[]
  )
);

-- Admin list: newest first, keyset on (created_at, id); millisecond precision so that a
-- cursor (a JavaScript date) names a row exactly.
CREATE INDEX users_newest ON users (created_at DESC, id DESC);
