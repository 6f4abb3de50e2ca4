-- Checkout reads a customer's unpaid orders (the per-customer caps) on every order it places.
CREATE INDEX orders_user_unpaid ON orders (user_id) WHERE status IN ('pending', 'awaiting_payment');
