-- The request that holds an in-progress key (a fencing token, new on every begin and takeover):
-- only it may link its order to the key or forget the key, so a holder that stalled past its lock
-- while another took over can neither create a second order nor erase the other's claim.
ALTER TABLE idempotency_keys ADD COLUMN holder uuid;
