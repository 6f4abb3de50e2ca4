-- Fixed-window attempt counters (login per account and per IP, reset mails, …), kept in
-- PostgreSQL so that every replica sees the same counts.
CREATE TABLE throttle (
  key                text PRIMARY KEY,
  hits               integer NOT NULL,
  window_started_at  timestamptz NOT NULL
);
CREATE INDEX throttle_window ON throttle (window_started_at);
