// users' internal API (user lookup, addresses, service tokens): filled in by the users work.
export {};
