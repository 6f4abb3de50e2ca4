/**
 * Tables every service with events has, owned by the platform kit. Named to
 * sort before any service migration.
 */
export const platformMigrations: Record<string, string> = {
  '000_platform_001_outbox': `
    CREATE TABLE outbox (
      id            bigserial PRIMARY KEY,
      event_id      uuid NOT NULL UNIQUE,
      event_type    text NOT NULL,
      aggregate_id  text NOT NULL,
      envelope      jsonb NOT NULL,
      created_at    timestamptz NOT NULL DEFAULT now(),
      published_at  timestamptz,
      attempts      integer NOT NULL DEFAULT 0,
      last_error    text
    );
    CREATE INDEX outbox_unpublished ON outbox (id) WHERE published_at IS NULL;
    CREATE INDEX outbox_published_at ON outbox (published_at) WHERE published_at IS NOT NULL;
  `,
  '000_platform_002_processed_events': `
    CREATE TABLE processed_events (
      consumer      text NOT NULL,
      event_id      uuid NOT NULL,
      processed_at  timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    );
  `,
  // Sessions ended in the user service (user.sessions_revoked.v1), whose access tokens this service
  // refuses until they have all expired (see auth/session-revocations.ts).
  '000_platform_003_revoked_sessions': `
    CREATE TABLE revoked_sessions (
      session_id    text PRIMARY KEY,
      user_id       text NOT NULL,
      revoked_at    timestamptz NOT NULL,
      forget_after  timestamptz NOT NULL
    );
    CREATE INDEX revoked_sessions_forget_after ON revoked_sessions (forget_after);
  `,
};
