// products' internal API (batch lookup, reservations): filled in by the products work.
export {};
